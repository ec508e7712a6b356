/* haoline_analysis.h - v0.1 - every HaoLine analysis pass over the model IR. MIT license.

   The passes answer "what is inside, and what does it cost" for a model in the IR of
   haoline_ir.h, whatever format it came from (no pass branches on the source format):
       hln_model_summarize     parameters, weight bytes, dtype mix, bits per weight, shape
                               constants, shared weights, BatchNorm statistics (every graph)
       hln_model_tensor_roles  what each tensor is (weight, shape constant, buffer), how many read it
       hln_model_tensor_params the parameters each tensor stands for (packed GPTQ/AWQ/bnb layers: logical weights)
       hln_model_llm           LLM hyperparameters completed from tensor names and shapes,
                               causal self-attention, KV cache per token and over context,
                               MoE active parameters
       hln_graph_analyze       graph shape/dtype inference with symbolic dims, bindings and
                               defaults for the unbound, MACs/FLOPs/params per node and as an
                               exact formula in the free dims (docs/costs.md), topological
                               order, activation liveness, subgraphs and functions
       hln_tensor_stats        weight-value passes (need haoline_kernels.h included before
       hln_tensor_quant_error  this header): per-tensor statistics, the error a quantization
       hln_model_quant_error   would cost
       hln_model_facts_collect what `compare` shows of one model (the passes above, same bindings)
       hln_model_diff          two models aligned: tensors by name, role and shape; metadata;
       hln_diff_weights        graph nodes; and the error of B's weights against A's
       hln_hw_list_builtin     deployment (docs/deploy.md, docs/hardware.md): 87 hardware
       hln_hw_list_load        profiles and a --hardware-file format, the memory planner
       hln_plan_memory ...     (KV types, windows, MLA, paged KV, tensor parallel, offload),
       hln_estimate_run        prefill/decode and graph latency at the roof and expected,
       hln_roofline            per-node/per-block roofline, serving compatibility (llama.cpp
       hln_serving_check       builds, MIL opsets of Core ML programs, ONNX ops' lowerings to
                               TFLite and Core ML: hln_serving_mil_op_ios, hln_serving_onnx_lowering)
   Reports (haoline_report.h) and the CLI read their results.

   USAGE
       #define HAOLINE_IMPLEMENTATION          // in exactly one C/C++ file
       #include "haoline_ir.h"
       #include "haoline_onnx.h"
       #include "haoline_analysis.h"

       hln_graph_summary g;
       hln_graph_options go = {0};               // zero: defaults for unbound dims, a formula
       hln_binding bind[] = { { "seq", 512 } };
       go.bindings = bind; go.n_bindings = 1;
       if (hln_graph_analyze(model, &go, &g, &err) == HLN_OK)   // g.dims: every dim's value
           printf("%llu MACs%s\n", (unsigned long long)g.macs, g.macs_exact ? "" : " (lower bound)");

   DEPENDS ON haoline_ir.h only (and haoline_kernels.h for the weight-value passes, when that
   header is included first). Customisation macros, linkage and threads as in haoline_ir.h:
   no global mutable state; every allocation goes through the model's allocator.

   DOES NOT read weight bytes except in the weight-value passes, print, or keep state between
   calls: results live in the caller's structs and the model's arena.
*/
#ifndef HAOLINE_ANALYSIS_H
#define HAOLINE_ANALYSIS_H

#include "haoline_ir.h"

#define HAOLINE_ANALYSIS_VERSION_MAJOR 0
#define HAOLINE_ANALYSIS_VERSION_MINOR 1
#define HAOLINE_ANALYSIS_VERSION_PATCH 0

#ifdef __cplusplus
extern "C" {
#endif

/* ---- analysis ------------------------------------------------------------------------------- */
#ifndef HLN_ANALYSIS_MAX_SCOPES
#define HLN_ANALYSIS_MAX_SCOPES 256   /* subgraph nesting the tensor-role pass follows */
#endif
typedef struct hln_dtype_stat { hln_dtype dtype; uint32_t tensors; uint64_t elements, bytes; } hln_dtype_stat;

/* ---- analysis: summary ----------------------------------------------------------------------
   One definition of a weight for every figure: a tensor of a weight-only format (GGUF,
   SafeTensors), or an initializer or Constant-node value of any graph of the model (subgraphs
   included; function bodies, node attributes other than Constant's, and sparse initializers
   are not, a Constant's sparse_value is: the IR flags say which tensor is which). A weight whose dtype is an integer (INT64, INT32, ...) or BOOL and that only
   feeds shape and index plumbing (Reshape shapes, Slice bounds, axes, Gather indices, integer
   arithmetic on shapes: any read by an op other than those of hln__reads_weight) is a shape
   constant: counted apart, never in params, weight_bytes or the dtype mix. */
#define HLN_ROLE_WEIGHT         1u   /* initializer or Constant value (or a weight-only format's tensor) */
#define HLN_ROLE_SHAPE_CONSTANT 2u   /* a weight that only feeds shape/index plumbing */
#define HLN_ROLE_MAIN           4u   /* in the main graph (weight-only formats: every tensor) */
#define HLN_ROLE_CONSTANT       8u   /* the value of a Constant node */
#define HLN_ROLE_BUFFER        16u   /* BatchNormalization running mean or variance */
#define HLN_ROLE_DATA          32u   /* read as data by some node (internal to the pass) */
typedef struct hln_tensor_role {
    uint32_t flags;                  /* HLN_ROLE_* */
    uint32_t users;                  /* nodes that read it, every graph (shared: >= 2) */
    uint32_t last_reader;            /* internal: serial of the last node counted in users */
} hln_tensor_role;
/* roles[i] for tensor i (m->n_tensors entries, filled by the call). */
HLN_DEF hln_result hln_model_tensor_roles(const hln_model *m, hln_tensor_role *roles);   /* HLN_ERR_NOMEM */
/* params[i]: the parameters tensor i stands for (m->n_tensors entries): its n_elements, except
   in a packed quantized layer (GPTQ, AWQ, bitsandbytes 4-bit: docs/analysis.md), whose packed
   codes count the weights they hold and whose scales, zeros, g_idx, absmax, quant maps and
   quant_state count 0 (metadata). HLN_ERR_NOMEM. */
HLN_DEF hln_result hln_model_tensor_params(const hln_model *m, uint64_t *params);

typedef struct hln_summary {
    uint64_t       params;          /* weight elements, every graph, shape constants excluded */
    uint64_t       shape_constants; /* elements of shape constants (params + this = every weight element) */
    uint64_t       params_buffers;  /* of params: BatchNorm running statistics (not trainable) */
    uint64_t       initializer_params, constant_params;          /* main graph, shape constants included */
    uint64_t       initializer_params_all, constant_params_all;  /* every graph, shape constants included */
    uint64_t       weight_bytes;    /* bytes of the weights counted in params (padding excluded) */
    uint32_t       n_tensors;       /* every tensor of the model (m->n_tensors) */
    uint32_t       n_weights;       /* tensors counted in params */
    uint32_t       n_shape_constants;
    uint32_t       n_shared;        /* weights read by more than one node input (counted once) */
    uint32_t       n_batchnorm;     /* BatchNormalization nodes, every graph */
    uint32_t       n_batchnorm_foldable; /* of those: right after a Conv/ConvTranspose/Gemm whose only
                                       reader they are (a runtime folds them into its weights) */
    uint32_t       n_dtypes;
    hln_dtype_stat dtypes[HLN_DTYPE_COUNT];  /* of the weights in params, sorted by bytes, largest first */
    double         bits_per_weight; /* 8 * weight_bytes / params (0 when none) */
} hln_summary;
/* HLN_ERR_NOMEM (and a zeroed summary) when the per-tensor pass finds no memory. */
HLN_DEF hln_result hln_model_summarize(const hln_model *m, hln_summary *s);

#define HLN_KV_CURVE_POINTS 8       /* 1k, 2k, 4k, ... 128k tokens */
typedef struct hln_llm {
    int          valid;             /* 1 when an LLM architecture was recognised */
    hln_hparams  hp;                /* file values completed by inference from tensors */
    uint64_t     kv_bytes_per_token_f16; /* 2 (K,V) * n_layer * n_head_kv * head_dim * 2 bytes */
    uint64_t     kv_context[HLN_KV_CURVE_POINTS];
    uint64_t     kv_bytes[HLN_KV_CURVE_POINTS];   /* f16 KV cache for kv_context[i] tokens */
    uint64_t     params_total, params_active;     /* MoE: active = shared + experts*used/count */
    uint64_t     params_experts;
    int          causal;            /* 1 when the model has causal self-attention (a decoder): only
                                       then is there a KV cache. Encoder-only architectures (BERT
                                       and kin, GGUF {arch}.attention.causal = false) have none;
                                       a graph needs a recognisable causal mask (see hln_model_llm) */
} hln_llm;
/* LLM facts: hyperparameters from the file, completed from tensor names/shapes (HLN_ERR_NOMEM
   as hln_model_summarize). */
HLN_DEF hln_result hln_model_llm(const hln_model *m, hln_llm *out);

/* ---- analysis: graphs (ONNX, TFLite, ...) ----------------------------------------------------
   Shape/dtype inference with symbolic dims, per-node MACs/FLOPs/params, activation liveness,
   subgraphs. Costs are documented in docs/costs.md. */
typedef struct hln_binding { const char *name; int64_t value; } hln_binding;  /* --bind batch=1 */

/* Limits of the cost formula: at most this many free dims, each of at most this degree. */
#ifndef HLN_FORMULA_MAX_DIMS
#define HLN_FORMULA_MAX_DIMS 4
#endif
#ifndef HLN_FORMULA_MAX_DEGREE
#define HLN_FORMULA_MAX_DEGREE 3
#endif
#ifndef HLN_FORMULA_MAX_WORK   /* node analyses the formula's sample runs may take in all */
#define HLN_FORMULA_MAX_WORK ((uint64_t)1 << 20)
#endif
#define HLN_DEFAULT_SEQUENCE 128     /* a sequence/time dim when the model does not tell its context */
#define HLN_DEFAULT_IMAGE_SIDE 224   /* an image side the model does not fix */

typedef struct hln_graph_options {   /* zero = defaults */
    const hln_binding *bindings;     /* the caller's values for symbolic dims (each >= 1) */
    uint32_t           n_bindings;
    int                no_defaults;  /* 1: dims not bound stay unknown (costs count them as 1, inexact) */
    int                no_formula;   /* 1: no cost formula (one analysis run instead of several) */
} hln_graph_options;

/* Where the value of a symbolic dim came from. */
typedef enum hln_dim_source {
    HLN_DIM_BOUND = 0,        /* the caller's binding */
    HLN_DIM_BATCH,            /* a batch dim: 1 */
    HLN_DIM_CONTEXT,          /* a sequence dim: the model's own context (metadata or position table) */
    HLN_DIM_SEQUENCE,         /* a sequence dim, context unknown: HLN_DEFAULT_SEQUENCE */
    HLN_DIM_IMAGE,            /* an image side: the model's image size, else HLN_DEFAULT_IMAGE_SIDE */
    HLN_DIM_OTHER             /* any other dim: 1 */
} hln_dim_source;
typedef struct hln_dim_value { const char *name; int64_t value; hln_dim_source source; } hln_dim_value;
HLN_DEF const char *hln_dim_source_name(hln_dim_source s);   /* "bound", "batch", "context", ... */

/* One term of a cost polynomial: coef * prod(dim_i ^ powers[i]). */
typedef struct hln_cost_term { double coef; uint8_t powers[HLN_FORMULA_MAX_DIMS]; } hln_cost_term;

typedef struct hln_op_stat {
    const char *op;            /* "Conv", or "domain::Op" outside the default domain */
    uint32_t    count;
    uint64_t    macs, flops, params;
} hln_op_stat;

typedef struct hln_graph_summary {
    uint32_t     nodes;              /* top-level graph */
    uint32_t     nodes_all;          /* including every nested subgraph */
    uint32_t     subgraphs, max_subgraph_depth;
    uint64_t     macs, flops;        /* If: the larger branch; Loop/Scan: times the trip count;
                                        UINT64_MAX: saturated (see saturated) */
    int          macs_exact;         /* 0 when a dim stayed unknown or a trip count is unknown */
    int          saturated;          /* 1 when macs or flops overflowed 64 bits: not a count */
    uint32_t     n_dims;             /* the symbolic dims of the inputs, with the values used */
    hln_dim_value *dims;
    /* MACs as a polynomial in the dims the caller did not bind (formula_dims), exact for the
       graph: sum of coef * prod(formula_dims[i] ^ powers[i]); n_macs_terms 0 with
       formula_exact 0 when none was found (not polynomial, too many dims, unknown sizes). */
    int          formula_exact;
    uint32_t     n_formula_dims;
    const char  *formula_dims[HLN_FORMULA_MAX_DIMS];
    uint32_t     n_macs_terms;
    hln_cost_term *macs_formula;     /* highest degree first */
    uint64_t     initializer_params, constant_params, constant_bytes;
    uint64_t     activation_peak_bytes;
    uint32_t     n_ops;
    hln_op_stat *ops;                /* top-level op histogram, by MACs then count */
    uint32_t     n_ops_all;
    hln_op_stat *ops_all;            /* the same over every graph nodes_all counts */
    uint32_t     n_unresolved;
    const char **unresolved;         /* symbolic dims left unbound, by name */
    uint32_t     initializers;       /* top-level initializers (dense) */
    uint32_t     constant_nodes;     /* top-level Constant nodes */
    uint64_t     initializer_bytes;
    uint64_t     params_all, constant_params_all;   /* subgraphs included */
    uint64_t     activation_bytes;   /* sum of every top-level activation value's bytes */
} hln_graph_summary;

/* Runs every graph pass on m->graph (filling node macs/flops/params and value shapes); the
   summary's arrays live in the model's arena. opts may be NULL (defaults).
   Value shapes keep the symbols of the dims the caller did not bind (an output [batch, 1000]);
   costs and activation bytes are those at the bindings plus the defaults of summary.dims.
   HLN_ERR_ARG: a binding names no dim of the model (the message lists the model's dims), is
   below 1, or makes an input's size overflow. */
HLN_DEF hln_result hln_graph_analyze(hln_model *m, const hln_graph_options *opts, hln_graph_summary *out, hln_error *err);
/* The MACs of a formula at values[i] for formula_dims[i]. */
HLN_DEF double hln_cost_formula_eval(const hln_graph_summary *g, const int64_t *values);

/* ---- analysis: deployment (hardware profiles, roofline, LLM estimates, memory planner) -------
   Will it fit and how fast will it run. Every formula and default is in docs/deploy.md; every
   hardware figure and its source in docs/hardware.md. Units: bytes, decimal GB/s (1e9 B/s),
   dense TFLOPS (INT: TOPS), seconds. A figure a vendor does not publish is 0 here (null in
   JSON), never guessed. */
typedef enum hln_hw_kind { HLN_HW_GPU, HLN_HW_CPU, HLN_HW_SOC, HLN_HW_MCU, HLN_HW_KIND_COUNT } hln_hw_kind;
typedef enum hln_prec {
    HLN_PREC_FP32, HLN_PREC_TF32, HLN_PREC_FP16, HLN_PREC_BF16, HLN_PREC_FP8, HLN_PREC_INT8, HLN_PREC_INT4,
    HLN_PREC_COUNT
} hln_prec;
#define HLN_HW_MAX_SOURCES 3
typedef struct hln_hw_profile {
    const char *name;               /* stable, lower-case, hyphenated: "h100-sxm5-80gb" */
    const char *label;              /* "NVIDIA H100 SXM5 80GB" */
    hln_hw_kind kind;
    uint64_t    memory_bytes;       /* device memory (GPUs), or the largest configuration (SoCs, CPUs) */
    double      bandwidth_gb_per_s; /* peak memory bandwidth, decimal GB/s */
    double      peak[HLN_PREC_COUNT]; /* dense peak per precision, TFLOPS / TOPS; 0: no such path or unpublished */
    double      tdp_w;              /* 0: unpublished */
    uint32_t    bus_bits;           /* memory interface width and data rate when published (0: not): */
    double      mt_per_s;           /*   bandwidth must equal bus_bits / 8 * MT/s / 1000 (hln_hw_check) */
    const char *sources[HLN_HW_MAX_SOURCES];  /* vendor document, revision; NULL-terminated */
} hln_hw_profile;

/* A list of profiles: the built-in table, plus what hln_hw_list_load read. */
typedef struct hln_hw_list {
    const hln_hw_profile *items;
    uint32_t              n;
    hln_hw_profile       *owned;    /* allocated by hln_hw_list_load, else NULL */
    char                 *text;     /* the loaded file's strings */
} hln_hw_list;

#ifndef HLN_HW_FILE_MAX_BYTES
#define HLN_HW_FILE_MAX_BYTES (1u << 20)   /* a --hardware-file larger than this is refused */
#endif
#ifndef HLN_HW_FILE_MAX_PROFILES
#define HLN_HW_FILE_MAX_PROFILES 256
#endif
#define HLN_HW_NAME_MAX 47
#ifndef HLN_DEPLOY_MAX_LAYERS
#define HLN_DEPLOY_MAX_LAYERS 100000      /* more layers than this: not treated as an LLM here */
#endif

HLN_DEF const char *hln_hw_kind_name(hln_hw_kind k);            /* "gpu", "cpu", "soc", "mcu" */
HLN_DEF const char *hln_prec_name(hln_prec p);                  /* "fp32", "tf32", ... "int4" */
HLN_DEF void hln_hw_list_builtin(hln_hw_list *l);               /* no allocation */
/* Adds or overrides profiles from a text file (format in docs/hardware.md) on top of the
   built-in table. Errors name the line: err->path is "line N". */
HLN_DEF hln_result hln_hw_list_load(hln_hw_list *l, const char *text, size_t len, hln_error *err);
HLN_DEF void hln_hw_list_free(hln_hw_list *l);
/* Case-insensitive exact name; NULL when none. */
HLN_DEF const hln_hw_profile *hln_hw_find(const hln_hw_list *l, const char *name);
/* Up to cap profiles whose name is near `name` (contains it, or within a small edit distance),
   nearest first. Returns how many. */
HLN_DEF uint32_t hln_hw_near(const hln_hw_list *l, const char *name, const hln_hw_profile **out, uint32_t cap);
/* 1 when a profile is well-formed: a name of [a-z0-9-], a source, decimal GB/s (bandwidth =
   bus width x data rate when both are given), dense peaks (each precision at most twice the
   one above it: a 2:4-sparse figure doubles one rung). Else 0 and why. */
HLN_DEF int hln_hw_check(const hln_hw_profile *p, char *why, size_t cap);
/* The dense peak used for a precision: that precision, else the nearest wider one the device
   has (int4 -> int8 -> fp16, fp8 -> fp16, bf16 -> fp16, fp16 -> fp32); 0 when none. */
HLN_DEF double hln_hw_peak(const hln_hw_profile *p, hln_prec prec);

/* KV-cache element types and their byte cost (block layouts in docs/deploy.md). */
typedef enum hln_cache_type {
    HLN_CACHE_F16 = 0, HLN_CACHE_F32, HLN_CACHE_BF16, HLN_CACHE_Q8_0, HLN_CACHE_Q4_0, HLN_CACHE_U8, HLN_CACHE_NF4, HLN_CACHE_TYPE_COUNT
} hln_cache_type;
HLN_DEF const char *hln_cache_type_name(hln_cache_type t);          /* "f16", ... "nf4" */
HLN_DEF int hln_cache_type_parse(const char *s, hln_cache_type *out); /* case-insensitive; 0 when unknown */
/* Bytes of one cached row of `width` elements (blocks rounded up; 0 on overflow). */
HLN_DEF uint64_t hln_cache_row_bytes(hln_cache_type t, uint64_t width, uint64_t head_dim);

/* What a deployment estimate needs to know about a model. */
typedef struct hln_deploy_model {
    int      llm;                  /* 1: decoder-only LM facts (layers, KV width) are known */
    uint64_t n_layer, n_head, n_head_kv, head_dim, n_embd, n_ff, n_vocab, context_length;
    uint64_t k_width, v_width;     /* cached elements per token and layer (MLA: latent + RoPE, 0) */
    uint64_t window, n_window_layers; /* sliding window: layers that cache at most `window` tokens */
    int      mla;
    uint64_t params_total, params_active;
    uint64_t weight_bytes, expert_bytes, layer_bytes_total;  /* layer_bytes_total: tensors of blocks */
    uint64_t expert_count, expert_used;
    hln_prec prec;                 /* precision the matrices compute in (docs/deploy.md) */
    /* graph models */
    uint64_t flops;                /* per inference at the bound shapes */
    uint64_t activation_peak_bytes, activation_bytes;
} hln_deploy_model;
HLN_DEF hln_result hln_deploy_model_init(const hln_model *m, const hln_graph_summary *g, hln_deploy_model *out);
/* KV bytes per token over all layers for type t (no window applied). */
HLN_DEF uint64_t hln_kv_bytes_per_token(const hln_deploy_model *d, hln_cache_type t);

/* Planner options: zero = defaults (docs/deploy.md). */
typedef struct hln_plan_options {
    hln_cache_type kv_type;           /* default f16 */
    uint64_t    page_tokens;       /* paged KV block; 0: 16 (vLLM's default), 1: contiguous */
    uint64_t    ubatch;            /* tokens in flight for the workspace; 0: 512 */
    double      overhead_frac;     /* runtime overhead on top; 0: 0.05; negative: none */
    uint64_t    overhead_bytes;    /* fixed runtime overhead, added */
    uint32_t    n_devices;         /* tensor parallelism; 0: 1 */
    double      link_gb_per_s;     /* tensor-parallel link, decimal GB/s per direction per device;
                                      0: 31.5 (PCIe 4.0 x16; docs/deploy.md) */
    double      link_latency_s;    /* per message (ring step) of an all-reduce, seconds;
                                      0: 5.7e-6 (NCCL's ring step over PCI; docs/deploy.md) */
    double      efficiency_memory; /* expected / roof; 0: 0.6 */
    double      efficiency_compute;/* 0: 0.5 */
    uint64_t    prompt_tokens;     /* 0: 512 */
} hln_plan_options;

typedef struct hln_plan {
    uint64_t context, batch;
    uint64_t weight_bytes, kv_bytes, kv_waste_bytes, workspace_bytes, overhead_bytes, total_bytes;
    uint64_t per_device_bytes;     /* total / n_devices (tensor parallel: weights and KV split) */
} hln_plan;
/* Memory for batch sequences of context tokens. Returns 0 on overflow. */
HLN_DEF int hln_plan_memory(const hln_deploy_model *d, const hln_plan_options *o, uint64_t context, uint64_t batch, hln_plan *out);
/* Largest context (<= the model's context_length when known, else 2^24) whose plan fits in
   budget bytes per device at this batch; 0 when not even one token fits. */
HLN_DEF uint64_t hln_plan_max_context(const hln_deploy_model *d, const hln_plan_options *o, uint64_t budget, uint64_t batch);
/* Layers that fit in budget (llama.cpp -ngl), the rest in host memory; n_layer when all do. */
HLN_DEF uint64_t hln_plan_offload_layers(const hln_deploy_model *d, const hln_plan_options *o, uint64_t budget,
                                         uint64_t context, uint64_t batch);

/* One device, one batch: the roof bound and the expected figure. */
typedef struct hln_estimate {
    const hln_hw_profile *hw;
    hln_prec prec;
    uint64_t batch, context, prompt_tokens;
    double   peak_tflops;          /* the dense peak used (0: unknown, compute terms are then null) */
    double   ttft_s, ttft_s_bound; /* prefill of prompt_tokens (LLMs); -1 unknown */
    double   decode_tokens_per_s, decode_tokens_per_s_bound;   /* LLMs, whole batch; -1 unknown */
    double   latency_s, latency_s_bound;  /* one decode step (LLM) or one inference (graph) */
    double   step_bytes, step_flops;      /* what one step reads and computes (per device) */
    double   comm_bytes, comm_s;          /* tensor parallel: all-reduce bytes one device sends per
                                             decode step, and their time on the link, message
                                             latency included (0: one device) */
    int      compute_bound;        /* 1: compute, 0: memory */
    int      fits;                 /* total memory at (context, batch) fits the device */
    uint64_t total_bytes;
} hln_estimate;
HLN_DEF void hln_estimate_run(const hln_deploy_model *d, const hln_hw_profile *hw, const hln_plan_options *o,
                              uint64_t context, uint64_t batch, hln_estimate *out);
/* Tensor parallelism (Megatron-style): bytes one device sends for `tokens` tokens, over every
   layer: 2 all-reduces per layer of tokens x n_embd f16 values, ring all-reduce 2 (N - 1) / N
   of each (docs/deploy.md). 0 for one device or a model without LLM facts. */
HLN_DEF double hln_tp_allreduce_bytes(const hln_deploy_model *d, double tokens, uint32_t n_devices);
/* Messages one device sends in those all-reduces, over every layer: 2 all-reduces per layer,
   2 (N - 1) ring steps each (reduce-scatter then all-gather). 0 for one device. */
HLN_DEF double hln_tp_allreduce_messages(const hln_deploy_model *d, uint32_t n_devices);
/* Their time on the link: messages x link_latency_s + bytes / link_gb_per_s (o's defaults). */
HLN_DEF double hln_tp_allreduce_seconds(const hln_deploy_model *d, const hln_plan_options *o, double tokens);
/* Distinct experts one layer touches in a decode step of `batch` tokens (uniform routing). */
HLN_DEF double hln_moe_experts_touched(uint64_t experts, uint64_t used, uint64_t batch);
/* Graph models: the batch at which an inference turns compute-bound; 0 when never. */
HLN_DEF uint64_t hln_estimate_compute_bound_batch(const hln_deploy_model *d, const hln_hw_profile *hw);

/* Roofline: one point per top-level node (graphs) or per block (LLM layers, decode at the
   given batch and context). */
typedef struct hln_roof_point {
    const char *name;              /* node name, "blk.N" (NULL), or a block kind's name */
    uint32_t    index;             /* node or layer index; block instance (hln_analysis.instances) */
    int         block;             /* 1: a block instance of hln_roofline_blocks */
    hln_prec    prec;              /* the precision it computes in (its roof): a node's largest weight
                                      input's, else the model's (hln_deploy_model.prec) */
    double      flops, bytes, intensity;  /* FLOP per byte */
    double      time_s;            /* at the roof */
    int         compute_bound;
} hln_roof_point;
/* Fills up to cap points (graph: nodes; LLM: layers); returns how many exist. ridge: FLOP per
   byte where the device turns compute-bound. */
HLN_DEF uint32_t hln_roofline(const hln_model *m, const hln_deploy_model *d, const hln_hw_profile *hw, hln_cache_type kv,
                              uint64_t context, uint64_t batch, hln_roof_point *out, uint32_t cap, double *ridge);

/* Roofline per block instance of a graph model (the analysis' blocks; hln_model_analyze): each
   instance sums the FLOPs and bytes of its nodes' points (`nodes`: hln_roofline's points of the
   same model, all of them; activations passed between a block's nodes count as moved, no
   fusion) and is put at the roof. Fills up to cap; returns how many instances there are (0 for
   a model without graph blocks). */
struct hln_analysis;
HLN_DEF uint32_t hln_roofline_blocks(const struct hln_analysis *a, const hln_deploy_model *d, const hln_hw_profile *hw,
                                     const hln_roof_point *nodes, uint32_t n_nodes, hln_roof_point *out, uint32_t cap);

/* Memory budgets: "4GB" (1e9), "4GiB" (2^30), "512MB", "800KiB", a plain byte count, or a
   preset ("phone-2gb", "phone-4gb": the phone's memory with the OS share taken out). */
HLN_DEF int hln_parse_bytes(const char *s, uint64_t *out);
/* "10ms", "0.5s", "250us"; 0 when malformed or not positive. */
HLN_DEF int hln_parse_seconds(const char *s, double *out);
#define HLN_FITS_BUDGETS 11        /* 2, 4, 8, 12, 16, 24, 32, 48, 80, 141, 192 GB */
HLN_DEF uint64_t hln_fits_budget(uint32_t i);   /* bytes (decimal GB) */

/* Serving compatibility (docs/deploy.md, from its sourced tables): whether a runtime reads this
   file, knows its architecture and its precision mix. supported: 1 yes, 0 no (note says what it
   needs instead), -1 not known here. min_version: the oldest release that runs it when the
   tables tell ("llama.cpp >= b1792 (PR #4773, IQ2_XXS)", "a llama.cpp build with PR #15091
   (MXFP4)" when its tag is not known here, "ONNX Runtime >= 1.12"), else "". */
typedef struct hln_serving {
    const char *runtime;           /* "llama.cpp", "vLLM", "TensorRT-LLM", "ONNX Runtime", "TFLite/LiteRT", "Core ML" */
    int         supported;
    char        note[256];
    char        min_version[64];
    int         convertible;       /* a file this runtime does not read: 1 every op has a documented
                                      lowering to it, 0 some op has none (the note names them); -1 not checked */
} hln_serving;
/* The llama.cpp pull request from which llama.cpp reads a ggml type under its GGUF id (the one
   that added it; I8/I16/I32: the one that put them at 24-26): > 0 the PR number, 0 older than
   GGUF itself (PR #2398), -1 not known here, -2 not a mainline llama.cpp type. */
HLN_DEF int32_t hln_llamacpp_type_pr(hln_dtype t);
/* The first llama.cpp release tag (bN) holding that type: N, or 0 when not known here
   (docs/deploy.md: from the repository's tags; the types older than GGUF give b1046, the
   oldest bN tag). */
HLN_DEF int32_t hln_llamacpp_type_tag(hln_dtype t);
/* The first ONNX Runtime release that implements an opset (default domain) or an IR version
   (docs/deploy.md): major * 100 + minor (1.12 -> 112), 0 past the table, -1 below its floor. */
HLN_DEF int hln_onnxruntime_for_opset(int64_t opset);
HLN_DEF int hln_onnxruntime_for_ir(int64_t ir_version);
/* The first iOS whose MIL opset has an op (15 to 18), 0 when coremltools' MIL ops reference does
   not list it (docs/deploy.md). */
HLN_DEF int hln_serving_mil_op_ios(const char *op);
/* The documented lowerings of a default-domain ONNX op: bit 1 onnx2tf converts it (TFLite), bit 2
   partly, bit 4 coremltools' ONNX converter maps it (Core ML); 0 none known (docs/deploy.md). */
HLN_DEF int hln_serving_onnx_lowering(const char *op);
#define HLN_SERVING_RUNTIMES 6
HLN_DEF void hln_serving_check(const hln_model *m, hln_serving out[HLN_SERVING_RUNTIMES]);

/* ---- analysis: weight values (needs haoline_kernels.h included BEFORE this header) ----------
   The only passes that read tensor bytes. Values are streamed through a bounded buffer
   (dequantized chunk by chunk), so memory does not grow with the tensor. Tensors of
   big-endian files and of types without a decoder are refused with HLN_ERR_UNSUPPORTED. */
#define HLN_WEIGHT_HIST_BINS 32
typedef struct hln_weight_stats {
    int      decoded;                 /* 1 when the values were read (hln_tensor_stats succeeded) */
    uint64_t count;                   /* finite values */
    uint64_t zeros, nans, infs;
    uint64_t outliers;                /* |x - mean| > 3 std */
    double   min, max, mean, std, abs_max;
    uint64_t hist[HLN_WEIGHT_HIST_BINS];   /* equal bins over [min, max] */
} hln_weight_stats;

typedef struct hln_quant_error {
    int      measured;                /* 1 when the tensor was quantized and measured */
    uint64_t count;
    double   rmse, max_abs_err, snr_db, cosine;   /* snr_db: 10 log10(sum x^2 / sum err^2) */
} hln_quant_error;

#ifdef HAOLINE_KERNELS_H
/* Two streamed passes: min/max/mean/std (Welford, in double), then histogram and outliers. */
HLN_DEF hln_result hln_tensor_stats(const hln_model *m, uint32_t tensor, hln_weight_stats *out, hln_error *err);
/* The error that quantizing this float tensor to `type` would cost (RMSE, max abs error,
   SNR, cosine). The tensor's row length must be a whole number of `type` blocks. */
HLN_DEF hln_result hln_tensor_quant_error(const hln_model *m, uint32_t tensor, hln_k_type type,
                                          hln_k_error *e, hln_error *err);
/* Every matrix (float, 2-D or more, rows of whole `type` blocks) of the model: rows[i] for
   tensor i (measured = 0 for the others) and the error over all of them together. */
HLN_DEF hln_result hln_model_quant_error(const hln_model *m, hln_k_type type, hln_quant_error *rows,
                                         hln_quant_error *total, hln_error *err);
#endif


/* ---- analysis: architecture, blocks, patterns, risks, quantization --------------------------
   hln_model_analyze answers "what kind of model is this": the architecture class with its
   evidence, the repeated blocks (found from the graph's own structure, or for weight-only
   formats from tensor names and shapes through one vocabulary table), patterns with where they
   occur, attention variants per block, deployment risks, quantization scheme and lint, and
   efficiency / fusion / critical-path / memory-timeline figures. docs/analysis.md documents
   every rule, risk id and lint deduction. Graph models need hln_graph_analyze first. */
typedef enum hln_arch_class {
    HLN_ARCH_OTHER = 0, HLN_ARCH_CNN, HLN_ARCH_VIT, HLN_ARCH_ENCODER, HLN_ARCH_DECODER_LLM,
    HLN_ARCH_ENCODER_DECODER, HLN_ARCH_RNN, HLN_ARCH_UNET, HLN_ARCH_MOE_LLM, HLN_ARCH_DETECTION
} hln_arch_class;
HLN_DEF const char *hln_arch_class_name(hln_arch_class c);   /* "cnn", "decoder-only-llm", ... */

typedef struct hln_analysis_options {         /* zero = defaults (in brackets) */
    const hln_graph_summary *graph;           /* hln_graph_analyze's summary (graph models), or NULL */
    int      read_weights;                    /* 1: read tensor values (sparsity, outlier channels,
                                                 duplicated bytes); needs haoline_kernels.h first */
    uint32_t max_period;                      /* longest repeated unit, in segments [16] */
    uint32_t max_where;                       /* node/tensor ids kept per pattern [256] */
    uint32_t max_trace;                       /* steps when following a chain of ops [12] */
    uint32_t deep_stack;                      /* compute layers with no norm/residual before a risk [20] */
    double   embedding_share;                 /* embedding share of params that is a risk [0.5] */
    double   activation_ratio;                /* activation peak / weight bytes that is a risk [16] */
    double   scale_ratio;                     /* input-scale ratio at an add/concat reported [2] */
    double   sparse_share;                    /* zero share that counts as a sparse tensor [0.5] */
    double   sensitive_db;                    /* --weights: Q4_0 SNR this far under the median is quant-sensitive [6] */
} hln_analysis_options;

typedef struct hln_block {                    /* one kind of repeated structure */
    const char *name;                         /* "transformer decoder layer", "residual block", ... */
    uint32_t    count;                        /* instances (x24) */
    uint32_t    ops;                          /* nodes (graph) or tensors (weight-only) per instance */
    uint64_t    params, macs;                 /* per instance (the first one); weight-only: MACs per token */
    double      intensity;                    /* FLOPs / bytes moved by the first instance (graphs) */
    uint32_t    first_instance;               /* index into hln_analysis.instances */
} hln_block;
typedef struct hln_block_instance { uint32_t block, first, last; } hln_block_instance; /* order positions, or layer */

typedef struct hln_pattern {
    const char *kind;                         /* docs/analysis.md lists the kinds */
    const char *detail;                       /* parameters ("Relu", "top-2 of 8", ...) or NULL */
    uint32_t    count;
    uint32_t    n_where;                      /* <= count (max_where) */
    uint32_t   *where;                        /* node indices, or tensor indices (where_tensors) */
    int         where_tensors;
} hln_pattern;

typedef struct hln_attention {                /* one per attention block */
    const char *kind;                         /* "MHA" | "MQA" | "GQA" | "MLA" */
    int64_t     n_head, n_head_kv, head_dim;  /* -1 unknown */
    int64_t     latent;                       /* MLA: latent KV width, else -1 */
    int         causal, cross;                /* 1 / 0, causal -1 unknown */
    int64_t     window;                       /* sliding window in tokens, 0 none, -1 unknown */
    double      kv_saving_vs_mha;             /* 1 - KV bytes / KV bytes of MHA with n_head heads */
    uint32_t    layer;                        /* block instance (layer index) */
    int32_t     node;                         /* softmax or fused op, else -1 */
    const char *fused_op;                     /* "com.microsoft::GroupQueryAttention" or NULL */
} hln_attention;

typedef enum hln_severity { HLN_SEV_INFO = 0, HLN_SEV_WARN, HLN_SEV_HIGH } hln_severity;
HLN_DEF const char *hln_severity_name(hln_severity s);       /* "info" | "warn" | "high" */
/* A finding a person can act on: a risk (level = its hln_severity) or a lint deduction (level
   = the points it costs); ids are stable and listed in docs/analysis.md. */
typedef struct hln_finding { const char *id; int level; const char *where, *why, *fix; } hln_finding;
typedef hln_finding hln_risk;
typedef hln_finding hln_lint_deduction;

#define HLN_LAYER_KINDS 7                     /* attention, mlp, embedding, head, norm, conv, other */
HLN_DEF const char *hln_layer_kind_name(uint32_t kind);
typedef struct hln_kind_stat {
    uint64_t params, bytes, macs, flops;
    hln_dtype dtype;                          /* the largest dtype by bytes (UNKNOWN: none) */
    double    bits;                           /* weight bits per element */
} hln_kind_stat;

typedef struct hln_scale_mismatch { int32_t node; double ratio; } hln_scale_mismatch;

typedef struct hln_quantization {
    const char *scheme;                       /* "none", "qdq-int8", "qoperator", "gguf Q4_K_M-like", "gptq", ... */
    const char *detail;
    uint32_t    quantize, dequantize, qoperator;   /* node counts */
    double      int_mac_share;                /* MACs in integer arithmetic (QDQ-wrapped or QLinear) */
    uint32_t    per_tensor, per_channel, block_wise;  /* quantized weights by scale granularity */
    uint32_t    precision_changes;            /* edges where a float value meets an integer one */
    hln_kind_stat by_layer_kind[HLN_LAYER_KINDS];
    uint32_t    n_mismatch;
    hln_scale_mismatch *mismatch;
    int         score;                        /* lint: 0..100 */
    uint32_t    n_deductions;
    hln_lint_deduction *deductions;
    uint32_t    n_keep;                       /* layers to keep at higher precision (tensor ids) */
    uint32_t   *keep;
    int         act_order;                    /* GPTQ act-order: 1 (desc_act, or a g_idx that permutes the
                                                 input channels), 0 not, -1 unknown / not GPTQ */
} hln_quantization;

typedef struct hln_tensor_sparsity {          /* --weights */
    double zero_share;                        /* unstructured */
    int    nm_n, nm_m;                        /* N:M structured sparsity when every group holds it, else 0 */
    uint32_t outlier_channels;                /* rows whose abs max > 6x the median row abs max */
} hln_tensor_sparsity;

typedef struct hln_fusion { const char *kind; uint32_t count, nodes_fused; } hln_fusion;

typedef struct hln_analysis {
    hln_arch_class      arch;
    uint32_t            n_evidence;
    const char        **evidence;
    uint32_t            n_blocks, n_instances;
    hln_block          *blocks;
    hln_block_instance *instances;
    int32_t            *node_instance;        /* per top-level node: instance index, -1 none (graphs) */
    uint8_t            *node_data;            /* per top-level node: 1 carries data, 0 shape plumbing or constants */
    uint32_t            n_patterns;
    hln_pattern        *patterns;
    uint32_t            n_attention;
    hln_attention      *attention;
    const char         *mlp;                  /* "SwiGLU", "GeGLU", "GELU", "ReLU", ... or NULL */
    const char         *norm, *norm_placement; /* "RMSNorm"/"LayerNorm"/"BatchNorm"; "pre-norm"/"post-norm" */
    const char         *position_encoding;    /* "RoPE", "ALiBi", "learned", "sinusoidal", ... or NULL */
    double              rope_base, rope_scale;/* 0 when not stated */
    const char         *rope_scaling;         /* "linear", "yarn", ... or NULL */
    int64_t             moe_experts, moe_top_k;   /* -1 when not MoE */
    int                 tied_embeddings;      /* 1 tied, 0 separate head, -1 unknown */
    uint32_t            n_risks;
    hln_risk           *risks;
    hln_quantization    quant;
    /* efficiency */
    double              flops_per_param, intensity;   /* model: FLOPs / bytes moved */
    double             *node_intensity;       /* per top-level node, or NULL */
    hln_kind_stat       by_kind[HLN_LAYER_KINDS];
    uint8_t            *node_kind;            /* per top-level node: layer kind */
    /* graph structure */
    uint32_t            n_fusions;
    hln_fusion         *fusions;
    uint32_t            layers, layers_after_fusion;
    uint32_t            n_critical;
    uint32_t           *critical;             /* node indices along the longest path by MACs */
    double              critical_macs_share, critical_bytes_share;
    uint32_t            n_timeline;
    uint64_t           *timeline;             /* live activation bytes after each node in order */
    uint64_t            timeline_peak;
    uint32_t            timeline_peak_step;
    uint32_t            n_peak_values;
    uint32_t           *peak_values;          /* value indices live at the peak */
    hln_tensor_sparsity *sparsity;            /* --weights: per tensor, else NULL */
    uint32_t            n_duplicates;         /* --weights: tensors whose bytes repeat an earlier one */
    double             *quant_snr_db;         /* --weights: per tensor, the SNR of a float matrix quantized
                                                 to Q4_0 (hln_tensor_quant_error), 0 when not measured */
} hln_analysis;

/* Fills `out` (arrays live in the model's arena). Graph models: call hln_graph_analyze first. */
HLN_DEF hln_result hln_model_analyze(hln_model *m, const hln_analysis_options *opt, hln_analysis *out, hln_error *err);

/* ---- analysis: compare and diff (alignment of two models, weight error) ----------------------
   hln_model_facts gathers what `haoline compare` shows of one model (every pass that applies);
   hln_model_diff aligns two models:
     tensors   1. by name; 2. by role: the layer index and what the tensor is, through one
               vocabulary table of Hugging Face and GGUF names (hln_name_role; e.g.
               "model.layers.3.self_attn.q_proj.weight" and "blk.3.attn_q.weight" are both
               layer 3, attn_q, weight; a GPTQ/AWQ "X.qweight" has the role of "X.weight"),
               then by the weight a name stands for (a left-over "X.qweight" with "X.weight"),
               counted as role; 3. by shape and position: tensors left over in the
               same layer (or both outside layers) with equal dims, paired in file order.
     metadata  by key; changed when the type or the value differs.
     nodes     by name, then by op type and position (the k-th unmatched node of an op type
               in A with the k-th of B).
   Duplicate names pair in file order. Every stage is a hash join: linear in the counts.
   hln_diff_weights (needs haoline_kernels.h first) reads each aligned pair and measures B
   against A: RMSE, max abs error, SNR dB (10 log10(sum a^2 / sum (b-a)^2)), cosine. A
   quantized linear layer (GPTQ qweight/qzeros/scales/g_idx, AWQ qweight/qzeros/scales,
   bitsandbytes 4-bit weight/absmax/quant_map/quant_state, double-quantized or not) is joined
   and dequantized to its float [out, in] weight first. Bytes are read with hln_file_reader,
   never through the platform's mapping: a file truncated meanwhile is HLN_ERR_IO. */
typedef struct hln_model_facts {
    hln_summary       summary;
    hln_llm           llm;
    int               has_graph;    /* 1: graph holds hln_graph_analyze's results */
    hln_graph_summary graph;
    hln_analysis      analysis;     /* hln_model_analyze: architecture class, blocks, ... */
} hln_model_facts;
/* Every pass compare shows, with the same bindings for each model. */
HLN_DEF hln_result hln_model_facts_collect(hln_model *m, const hln_binding *bindings, uint32_t n_bindings,
                                           hln_model_facts *out, hln_error *err);

/* Role of a tensor name: *layer (-1 outside layers), *role (index into the vocabulary, see
   hln_name_role_gguf), *part (0 weight, 1 bias, 2 other suffix). 0 when the name is not in
   the vocabulary. */
HLN_DEF int hln_name_role(const char *name, int64_t *layer, int *role, int *part);
HLN_DEF const char *hln_name_role_gguf(int role);   /* the GGUF spelling: "attn_q" */

typedef enum hln_match {
    HLN_MATCH_NONE = 0, HLN_MATCH_NAME, HLN_MATCH_ROLE, HLN_MATCH_SHAPE, HLN_MATCH_POSITION
} hln_match;
#define HLN_DIFF_DTYPE      1u   /* tensors: dtype differs */
#define HLN_DIFF_SHAPE      2u   /* tensors: dims differ */
#define HLN_DIFF_BYTES      4u   /* tensors: byte size differs */
#define HLN_DIFF_TRANSPOSED 8u   /* tensors: 2-D, B's dims are A's swapped */
#define HLN_DIFF_OP        16u   /* nodes: op type or domain differs */
#define HLN_DIFF_ARITY     32u   /* nodes: input or output count differs */
#define HLN_DIFF_VALUE     64u   /* metadata: the type or value differs */

/* One row of an alignment: indices into A's and B's lists (-1: absent on that side). */
typedef struct hln_pair { int32_t a, b; uint8_t match; uint8_t changed; } hln_pair;
typedef struct hln_diff_counts {
    uint32_t aligned, removed, added, changed;   /* removed: A only; added: B only */
    uint32_t by_name, by_role, by_shape, by_position;
} hln_diff_counts;

/* Lowering: one model built from the other (a TensorRT engine from its ONNX model). The built
   model's nodes name the nodes each was made from in the STRINGS attribute "origin_nodes"
   (haoline_trt.h sets it on every layer: the ONNX node names of its Metadata, else the names its
   Name fuses; none for a layer TensorRT inserted). hln_model_diff fills hln_diff.lowering when
   exactly one side's graph carries the attribute: that side is the engine, the other the source.
   Origin names resolve to the source's top-level nodes by name (duplicates: the first); a name
   of a source tensor (a weight fused into the layer) counts as a weight; others stay unresolved.
   Precision: the dtype of a layer's first input (trex's rule) against the first input of its
   first source node in source order; changed when both are known and differ (the source's
   dtypes are what the file declares, or hln_graph_analyze's when it ran first). */
typedef struct hln_lowered {       /* one engine layer */
    uint32_t  first, n_nodes;      /* its source nodes: hln_lowering.from[first .. first + n_nodes) */
    uint32_t  n_names, n_weights;  /* origin names; of them, names of source tensors */
    hln_dtype dtype_src, dtype;    /* first inputs: of its first source node; of the layer */
    uint8_t   precision_changed;
} hln_lowered;
typedef struct hln_lowering {
    int           engine_is_a;     /* 1: A is the engine and B the source; 0: B is the engine */
    hln_lowered  *layers;          /* one per top-level engine node */
    uint32_t      n_layers;
    uint32_t     *from;            /* source node indices, grouped per layer */
    uint32_t     *uses;            /* per source node: how many layers name it (0: removed / folded) */
    uint32_t      n_source_nodes;
    uint32_t      mapped;          /* layers with at least one source node */
    uint32_t      fused;           /* layers with two or more: "N nodes -> 1 layer" */
    uint32_t      fused_nodes;     /* source nodes in those layers (counted per layer) */
    uint32_t      inserted;        /* layers without origin names (reformatting copies TensorRT added) */
    uint32_t      unmatched;       /* layers whose origin names name no source node */
    uint32_t      precision_changed;
    uint32_t      nodes_lowered, nodes_removed;   /* source nodes named by some layer / by none */
    uint32_t      unresolved_names;  /* origin names naming neither a source node nor a tensor */
} hln_lowering;

typedef struct hln_diff {
    hln_arena       arena;          /* owns every array below; hln_diff_free releases it */
    /* rows: aligned pairs in A's order, then A-only rows, then B-only rows */
    hln_pair       *tensors;
    uint32_t        n_tensors;
    hln_diff_counts tensor_counts;
    uint32_t        dtype_changed, shape_changed, transposed;
    hln_pair       *kv;             /* indices into a->kv / b->kv */
    uint32_t        n_kv;
    hln_diff_counts kv_counts;
    hln_pair       *nodes;          /* top-level graph nodes; none unless both have graphs */
    uint32_t        n_nodes;
    hln_diff_counts node_counts;
    int             has_lowering;   /* lowering is filled (one side is built from the other) */
    hln_lowering    lowering;
    /* hln_diff_weights: one per tensors[] row (measured = 0 where not compared), or NULL */
    hln_quant_error *weights;
    hln_quant_error  weights_total; /* over every measured element together */
    uint64_t         weights_bytes; /* tensor bytes read, both sides */
    uint64_t         align_probes;  /* hash-table slots the alignment looked at (every stage of
                                       tensors, metadata and nodes): linear in the item counts,
                                       the cost measure tests bound instead of a clock */
} hln_diff;

HLN_DEF hln_result hln_model_diff(const hln_model *a, const hln_model *b, hln_diff *out, hln_error *err);
HLN_DEF void       hln_diff_free(hln_diff *d);

#ifdef HAOLINE_KERNELS_H
/* B's tensor tb against A's ta, streamed (A in chunks; B in chunks, or whole when transposed is
   set: B's 2-D dims are A's swapped). Element counts must agree. A GPTQ/AWQ qweight or a
   bitsandbytes 4-bit weight stands for its joined, dequantized layer. */
HLN_DEF hln_result hln_tensor_pair_error(const hln_model *a, uint32_t ta, const hln_model *b, uint32_t tb,
                                         int transposed, hln_k_error *e, hln_error *err);
/* Called after each tensor pair: bytes read so far and in all. */
typedef void (*hln_progress_fn)(void *user, uint64_t done_bytes, uint64_t total_bytes);
/* Fills d->weights for every aligned pair with equal element counts (same dims, or swapped
   2-D dims) whose both sides can be decoded; two tensors at a time in memory (a joined
   layer: its packed tensors). HLN_ERR_IO: a model file changed or shrank during the read. */
HLN_DEF hln_result hln_diff_weights(hln_diff *d, const hln_model *a, const hln_model *b,
                                    hln_progress_fn progress, void *user, hln_error *err);
#endif
/* ---- end of compare and diff ---- */

/* ---- analysis: conversion (needs haoline_kernels.h included BEFORE this header) -------------
   Plans a conversion of a loaded model into the IR of another file and makes the new tensor
   bytes on the fly; the format headers' streaming writers (hln_gguf_write_from,
   hln_st_write_from) take them tensor by tensor, so no whole-model buffer exists:
       hln_convert *c;
       if (hln_convert_plan(src, &opts, &c, &err) == HLN_OK) {
           r = hln_gguf_write_from(c->out, hln_convert_tensor_bytes, c, my_write, my_file, &err);
           hln_convert_free(c);
       }
   Paths (docs/convert.md has the matrix; hln_convert_paths() the same table):
     SafeTensors -> GGUF   llama family (llama, mistral, mixtral, qwen2, qwen3, qwen2_moe,
                           phi3, gemma): Hugging Face names -> GGUF names through the one
                           vocabulary table (hln_name_role), routed experts stacked into 3-D
                           ffn_*_exps tensors (split back the other way), Gemma norms + 1,
                           Q/K rows permuted for llama/mistral/mixtral RoPE, architecture metadata from
                           config.json, tokenizer arrays from tokenizer.json (BPE) and
                           tokenizer_config.json, or from a SentencePiece tokenizer.model;
                           other architectures need keep_names.
     GGUF -> SafeTensors   tensors dequantized to `dtype` (F32 default for quantized ones),
                           names mapped back (and Q/K rows unpermuted) for the same family,
                           scalar metadata as __metadata__ text; hln_convert_config_json()
                           writes a config.json.
     ONNX -> SafeTensors   initializers and Constant-node values, bytes as stored; external
                           data files are mapped by the plan (not under HLN_NO_STDIO).
     ONNX -> ONNX          the model as it is but for the tensors asked to change (dtype F16:
                           float32 weights stored float16, Cast back; external_data: moved
                           out, hln_convert_external_data writes that file; else inline);
                           hln_onnx_write_from (haoline_onnx.h) writes the model.
     X -> the same format  tensors and metadata copied (dtype / quantization may change).
   Quantization (GGUF out): `recipe` is a mixture ("Q4_K_M", ...: hln_convert_recipe_type
   says which tensor gets which type) or any type the kernels quantize; `keep` overrides per
   name glob; `imatrix` (a GGUF imatrix or hln_convert_imatrix_dat's) is checked against the
   tensors, and used by no type (the kernels' quantizers take no importance weights).
   Every config value is checked before anything is planned: a config.json or
   tokenizer.json that lies (heads that do not divide, merges naming missing tokens, sizes
   beyond the caps below, nesting deeper than HLN_JSON_MAX_DEPTH) is an error. */
#ifdef HAOLINE_KERNELS_H
#ifndef HLN_CONVERT_MAX_DIM
#define HLN_CONVERT_MAX_DIM (1 << 24)       /* a config size (hidden, heads, layers, vocab...) */
#endif
#ifndef HLN_CONVERT_CHUNK
#define HLN_CONVERT_CHUNK (1u << 20)        /* elements converted at a time (4 MB of floats) */
#endif
#define HLN_CONVERT_MAX_KEEP 32
#ifndef HLN_CONVERT_EXTERNAL_MIN
#define HLN_CONVERT_EXTERNAL_MIN 1024       /* ONNX out: smaller initializers stay inline (onnx's size_threshold) */
#endif
#define HLN_CONVERT_EXTERNAL_ALIGN 64       /* ONNX out: external data offsets are multiples of this */
#define HLN_CONVERT_FP16_MIN 64             /* ONNX out, F16: smaller float32 tensors (eps, exponents,
                                               scales: nothing to save, 1e-12 would flush to 0) stay float32 */
#ifndef HLN_CONVERT_MAX_EXPERTS
#define HLN_CONVERT_MAX_EXPERTS 1024        /* routed experts per layer (config.json) */
#endif

typedef struct hln_convert_options {
    hln_format  to;                 /* HLN_FORMAT_GGUF, HLN_FORMAT_SAFETENSORS or (from ONNX) HLN_FORMAT_ONNX */
    hln_dtype   dtype;              /* float tensors become F32/F16/BF16 (matrices only when to
                                       GGUF; 1-D stay F32 as llama.cpp keeps them); UNKNOWN: keep */
    const char *recipe;             /* GGUF out: "Q4_K_M", ... or a type name; NULL: none */
    const char *keep[HLN_CONVERT_MAX_KEEP];   /* "GLOB=TYPE" on output names (* and ?) */
    uint32_t    n_keep;
    int         keep_names;         /* no renaming, no RoPE permutation, no architecture metadata */
    int         measure_error;      /* lossy tensors: RMSE/SNR/cosine into hln_convert_tensor.error */
    int         release_input;      /* drop input pages once converted (hln_model_release) */
    const hln_model *imatrix;       /* GGUF out with a quantization: importance sums (an imatrix GGUF
                                       read by hln_gguf_parse, or hln_convert_imatrix_dat's model),
                                       checked against the planned tensors; NULL: none */
    const char *external_data;      /* ONNX out: initializers of >= HLN_CONVERT_EXTERNAL_MIN bytes go to
                                       this file (relative to the model's folder; hln_convert_external_data
                                       writes it); NULL: every tensor inline */
    /* Hugging Face side files (text, not NUL-terminated), NULL when absent */
    const char *config_json;           uint64_t config_json_len;
    const char *tokenizer_json;        uint64_t tokenizer_json_len;
    const char *tokenizer_config_json; uint64_t tokenizer_config_json_len;
    const uint8_t *tokenizer_model;    uint64_t tokenizer_model_len;   /* SentencePiece, when no tokenizer.json */
    hln_k_parallel_for parallel_for;  /* quantization threads; NULL: the calling thread */
    void       *parallel_user;
    int         n_tasks;            /* row groups per chunk (0: 8 with parallel_for, else 1) */
    hln_progress_fn progress;       /* after each tensor: output bytes made so far, in all */
    void       *progress_user;
} hln_convert_options;

#define HLN_CONVERT_NO_SOURCE 0xffffffffu   /* hln_convert_tensor.source of a tensor the conversion makes */
typedef struct hln_convert_tensor {
    uint32_t    source;             /* tensor index in the source model, or HLN_CONVERT_NO_SOURCE
                                       (phi3's rope factor tensors, made from config.json) */
    hln_dtype   from, to;
    int32_t     permute_heads;      /* > 0: RoPE row order changes for this many heads */
    int         lossy;              /* values change (quantized, narrowed) */
    hln_k_error error;              /* measure_error: filled while its bytes are made */
    hln_tensor  view;               /* the source tensor (or one expert's slice of it); data mapped
                                       here when it was external */
    float       offset;             /* added to every value (Gemma norms: +1 to GGUF, -1 back) */
    hln_tensor *parts;              /* n_parts > 0: the out tensor is these stacked (MoE experts) */
    uint32_t    n_parts;
    const float *importance;        /* imatrix: per matrix (expert) and column, the weight the
                                       quantizer gives each column's error (in_sum2 / counts), or NULL */
} hln_convert_tensor;

typedef struct hln_convert {
    hln_model          *out;        /* what to write: names, dtypes, shapes, metadata */
    const hln_model    *src;
    hln_convert_tensor *tensors;    /* one per out tensor */
    const char         *arch;       /* GGUF architecture ("llama", ...) or NULL */
    const char         *model_type; /* its Hugging Face model_type ("mixtral", ...) or NULL */
    uint32_t            n_lossy;
    const char         *lost[16];   /* what the conversion leaves out, as sentences */
    uint32_t            n_lost;
    uint32_t            n_imatrix;  /* out tensors the imatrix gave importance sums for */
    uint32_t            n_imatrix_exact;   /* of those, tensors of a type that takes no weights */
    uint64_t            total_bytes, done_bytes;   /* output tensor bytes */
    hln_convert_options opts;
    float              *buf, *back;  /* chunk buffers */
    uint8_t            *enc;
    hln_mapped         *maps;        /* external data files opened by the plan (ONNX), per file */
} hln_convert;

/* A row of the conversion matrix: every IN -> OUT pair HaoLine knows. */
typedef enum hln_convert_level { HLN_CONVERT_NONE = 0, HLN_CONVERT_LOSSY = 1, HLN_CONVERT_FULL = 2 } hln_convert_level;
typedef struct hln_convert_path {
    hln_format from, to;
    hln_convert_level level;
    const char *kept, *lost;
} hln_convert_path;
HLN_DEF const hln_convert_path *hln_convert_paths(uint32_t *n);

HLN_DEF hln_result hln_convert_plan(const hln_model *src, const hln_convert_options *opts, hln_convert **out,
                                    hln_error *err);
/* hln_tensor_bytes_fn for the writers: user is the hln_convert, m its out model. */
HLN_DEF hln_result hln_convert_tensor_bytes(void *user, const hln_model *m, uint32_t index, hln_write_fn write,
                                            void *wuser, hln_error *err);
HLN_DEF void       hln_convert_free(hln_convert *c);
/* The legacy llama.cpp imatrix (.dat) as a model of NAME.in_sum2 / NAME.counts F32 tensors
   (views of data, which must outlive it), the shape the GGUF imatrix has. */
HLN_DEF hln_result hln_convert_imatrix_dat(const hln_allocator *alloc, const void *data, uint64_t size, hln_model **out,
                                           hln_error *err);
/* ONNX out with external_data: the external file's bytes (the tensors at their offsets, zero
   padding between), to be written before hln_onnx_write_from's model. */
HLN_DEF hln_result hln_convert_external_data(hln_convert *c, hln_write_fn write, void *user, hln_error *err);
/* A Hugging Face config.json for a GGUF source's architecture metadata (GGUF -> SafeTensors). */
HLN_DEF hln_result hln_convert_config_json(const hln_convert *c, hln_write_fn write, void *user, hln_error *err);
/* The type a recipe gives tensor `gguf_name` (layer -1 outside layers; n_layer, n_gqa from the
   model; cols = row length): F32 for 1-D, the recipe's choice for matrices, a fallback when
   rows are not whole blocks. HLN_DTYPE_UNKNOWN when the recipe is not known. */
HLN_DEF hln_dtype  hln_convert_recipe_type(const char *recipe, const char *gguf_name, int64_t layer,
                                           int64_t n_layer, int64_t n_gqa, uint32_t n_dims, int64_t cols);
/* 1 when recipe is a known mixture or a quantizable type name. */
HLN_DEF int        hln_convert_recipe_known(const char *recipe);
#endif
/* ---- end of conversion ---- */

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_ANALYSIS_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_ANALYSIS_IMPLEMENTATION)) && !defined(HAOLINE_ANALYSIS_IMPLEMENTED)
#define HAOLINE_ANALYSIS_IMPLEMENTED

#include <string.h>
#include <stdio.h>   /* snprintf */
#include <stdarg.h>  /* the analysis' formatted strings */
#include <stdlib.h>  /* qsort, malloc (hardware files) */

#ifdef __cplusplus
extern "C" {
#endif

/* ---- analysis: summary ---- */
static int hln__is_default_domain(const hln_node *n) { return !n->domain || !n->domain[0]; }
static int hln__op_is(const hln_node *n, const char *op) { return hln__is_default_domain(n) && n->op_type && strcmp(n->op_type, op) == 0; }

/* Ops that read integer tensors as weights (quantized weights, int32 biases, zero points);
   an integer tensor read by any other default-domain op is plumbing. Ops of other domains
   count as weight readers: HaoLine does not know what they do with it. */
static int hln__reads_weight(const hln_node *n) {
    static const char *const ops[] = { "Conv", "ConvTranspose", "ConvInteger", "MatMul", "MatMulInteger", "Gemm",
                                       "QLinearConv", "QLinearMatMul", "DequantizeLinear", "QuantizeLinear",
                                       "DynamicQuantizeLinear", "LSTM", "GRU", "RNN", "BatchNormalization",
                                       "InstanceNormalization", "LayerNormalization", "GroupNormalization",
                                       "Einsum", "PRelu" };
    size_t k;
    if (!hln__is_default_domain(n)) return 1;
    if (!n->op_type) return 0;
    for (k = 0; k < sizeof ops / sizeof ops[0]; k++) if (n->op_type[0] == ops[k][0] && strcmp(n->op_type, ops[k]) == 0) return 1;
    return 0;
}

static int hln__is_index_dtype(hln_dtype t) {
    return t == HLN_DTYPE_I64 || t == HLN_DTYPE_I32 || t == HLN_DTYPE_I16 || t == HLN_DTYPE_U64 ||
           t == HLN_DTYPE_U32 || t == HLN_DTYPE_U16 || t == HLN_DTYPE_BOOL;
}

/* Weight-only files name BatchNorm statistics as PyTorch's state_dict does. */
static int hln__is_buffer_name(const char *name) {
    static const char *const suffixes[] = { ".running_mean", ".running_var", ".num_batches_tracked" };
    size_t k, n = name ? strlen(name) : 0;
    for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
        size_t l = strlen(suffixes[k]);
        if (n >= l && strcmp(name + n - l, suffixes[k]) == 0) return 1;
    }
    return 0;
}

/* The tensor behind value vi of g, following captures into enclosing graphs; -1 when none. */
static int32_t hln__value_tensor(const hln_model *m, const hln_graph *g, int32_t vi) {
    uint32_t hops = 0;
    while (g && vi >= 0 && (uint32_t)vi < g->n_values && hops++ <= HLN_ANALYSIS_MAX_SCOPES) {
        const hln_value *v = &g->values[vi];
        if (v->tensor >= 0) return (uint32_t)v->tensor < m->n_tensors ? v->tensor : -1;
        vi = v->outer;
        g = g->parent;
    }
    return -1;
}

/* How many node inputs (and graph outputs) read each value of g; NULL when out of memory.
   Freed by the caller through the model's allocator. */
static uint32_t *hln__value_readers(const hln_model *m, const hln_graph *g) {
    uint32_t *n = (uint32_t *)hln_allocator_alloc(&m->arena.allocator, ((size_t)g->n_values + 1) * sizeof(uint32_t));
    uint32_t i, k;
    if (!n) return NULL;
    memset(n, 0, ((size_t)g->n_values + 1) * sizeof(uint32_t));
    for (i = 0; i < g->n_outputs; i++) if ((uint32_t)g->outputs[i] < g->n_values) n[g->outputs[i]]++;
    for (i = 0; i < g->n_nodes; i++)
        for (k = 0; k < g->nodes[i].n_inputs; k++)
            if (g->nodes[i].inputs[k] >= 0 && (uint32_t)g->nodes[i].inputs[k] < g->n_values) n[g->nodes[i].inputs[k]]++;
    return n;
}

typedef struct hln__roles { const hln_model *m; hln_tensor_role *r; uint32_t serial, n_bn, n_bn_foldable; int nomem; } hln__roles;

static void hln__roles_graph(hln__roles *st, const hln_graph *g, uint32_t depth) {
    const hln_model *m = st->m;
    uint32_t i, q, k, *readers = NULL;
    if (depth > HLN_ANALYSIS_MAX_SCOPES) return;   /* the readers cap nesting far below this */
    for (i = 0; i < g->n_initializers; i++) {
        int32_t ti = g->initializers[i];
        if (ti >= 0 && (uint32_t)ti < m->n_tensors && !(m->tensors[ti].flags & HLN_TENSOR_SPARSE))
            st->r[ti].flags |= HLN_ROLE_WEIGHT | (depth ? 0u : HLN_ROLE_MAIN);
    }
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        int is_constant = hln__op_is(n, "Constant"), is_bn = hln__op_is(n, "BatchNormalization"), reads = -1;
        uint32_t serial = ++st->serial;
        for (q = 0; q < n->n_attrs; q++) {
            const hln_attr *at = &n->attrs[q];
            if (is_constant && at->tensors && at->count && at->tensors[0] >= 0 && (uint32_t)at->tensors[0] < m->n_tensors)
                st->r[at->tensors[0]].flags |= HLN_ROLE_WEIGHT | HLN_ROLE_CONSTANT | (depth ? 0u : HLN_ROLE_MAIN);
            if (at->graphs && (at->type == HLN_ATTR_GRAPH || at->type == HLN_ATTR_GRAPHS))
                for (k = 0; k < (at->type == HLN_ATTR_GRAPH ? 1u : at->count); k++)
                    if (at->graphs[k]) hln__roles_graph(st, at->graphs[k], depth + 1);
        }
        for (q = 0; q < n->n_inputs; q++) {
            int32_t ti = hln__value_tensor(m, g, n->inputs[q]);
            hln_tensor_role *r;
            if (ti < 0) continue;
            r = &st->r[ti];
            if (r->last_reader != serial) { r->last_reader = serial; r->users++; }
            if (reads < 0) reads = hln__reads_weight(n);   /* once per node */
            if (reads) r->flags |= HLN_ROLE_DATA;
            if (is_bn && (q == 3 || q == 4)) r->flags |= HLN_ROLE_BUFFER;
        }
        if (is_bn) {   /* foldable: X comes from a Conv/ConvTranspose/Gemm and nothing else reads it */
            int32_t x = n->n_inputs ? n->inputs[0] : -1, p = -1;
            int consts = n->n_inputs >= 5, training = 0;
            st->n_bn++;
            if (!readers && !(readers = hln__value_readers(m, g))) st->nomem = 1;
            if (x >= 0 && (uint32_t)x < g->n_values) p = g->values[x].producer;
            /* ... in inference mode, with scale, bias, mean and variance stored in the file (a
               runtime input cannot be folded ahead of time), and so the producer's weight */
            for (q = 1; q < 5 && consts; q++) consts = hln__value_tensor(m, g, n->inputs[q]) >= 0;
            for (q = 0; q < n->n_attrs; q++)
                if (n->attrs[q].name && strcmp(n->attrs[q].name, "training_mode") == 0 && n->attrs[q].i) training = 1;
            if (readers && readers[x >= 0 ? x : 0] == 1 && p >= 0 && (uint32_t)p < g->n_nodes && consts && !training &&
                g->nodes[p].n_inputs >= 2 && hln__value_tensor(m, g, g->nodes[p].inputs[1]) >= 0 &&
                (hln__op_is(&g->nodes[p], "Conv") || hln__op_is(&g->nodes[p], "ConvTranspose") || hln__op_is(&g->nodes[p], "Gemm")))
                st->n_bn_foldable++;
        }
    }
    if (readers) hln_allocator_free(&m->arena.allocator, readers);
}

/* What the IR's flags alone say: the main graph's own tensors (initializers and Constant values,
   a Constant's sparse_value included) and every tensor of a weight-only file are weights. */
static uint32_t hln__role_of_flags(const hln_model *m, uint32_t i) {
    uint32_t f = m->tensors[i].flags, r = 0;
    if (!(f & (HLN_TENSOR_NESTED | HLN_TENSOR_ATTRIBUTE)) && (!(f & HLN_TENSOR_SPARSE) || (f & HLN_TENSOR_CONSTANT)))
        r = HLN_ROLE_WEIGHT | HLN_ROLE_MAIN | (f & HLN_TENSOR_CONSTANT ? HLN_ROLE_CONSTANT : 0u);
    if (!m->graph && hln__is_buffer_name(m->tensors[i].name)) r |= HLN_ROLE_BUFFER;
    return r;
}

static hln_result hln__roles_run(const hln_model *m, hln_tensor_role *roles, hln__roles *st) {
    uint32_t i;
    memset(st, 0, sizeof *st);
    st->m = m;
    st->r = roles;
    memset(roles, 0, (size_t)m->n_tensors * sizeof *roles);
    for (i = 0; i < m->n_tensors; i++) roles[i].flags = hln__role_of_flags(m, i);   /* nested ones: the walk */
    if (!m->graph) return HLN_OK;
    hln__roles_graph(st, m->graph, 0);
    for (i = 0; i < m->n_tensors; i++)
        if ((roles[i].flags & HLN_ROLE_WEIGHT) && !(roles[i].flags & HLN_ROLE_DATA) && roles[i].users &&
            hln__is_index_dtype(m->tensors[i].dtype))
            roles[i].flags |= HLN_ROLE_SHAPE_CONSTANT;
    return st->nomem ? HLN_ERR_NOMEM : HLN_OK;
}

HLN_DEF hln_result hln_model_tensor_roles(const hln_model *m, hln_tensor_role *roles) {
    hln__roles st;
    return hln__roles_run(m, roles, &st);
}

/* ---- packed quantized layers: the weights a tensor stands for ----
   A GPTQ or AWQ X.qweight (I32) packs 32 / bits codes a word: GPTQ [in * bits / 32, out] along
   the input rows, AWQ [in, out * bits / 32] along the output columns; X.scales [groups, out] says
   which (and out), bits come from the quantization config (model->hp), else from X.qzeros
   [groups, out * bits / 32]. A bitsandbytes 4-bit X.weight (U8, two codes a byte) holds the
   rows * cols of the shape in its X.weight.quant_state.bitsandbytes__nf4|fp4 JSON (read, a few
   hundred bytes; 2 a byte when that cannot be read). Their companions (qzeros, scales, g_idx;
   absmax, quant_map, nested_absmax, nested_quant_map, quant_state) are quantization metadata:
   bytes of the layer, no parameters. */
static int hln__ends(const char *s, const char *end);
static const char *const hln__bnb_states[2] = { ".quant_state.bitsandbytes__nf4", ".quant_state.bitsandbytes__fp4" };
/* A tensor by name: through the map when there is one. */
static int32_t hln__tensor_named(const hln_model *m, const hln_strmap *names, const char *stem, size_t n, const char *suffix) {
    char name[1024];
    size_t k = strlen(suffix);
    int64_t i;
    if (n + k >= sizeof name) return -1;
    memcpy(name, stem, n);
    memcpy(name + n, suffix, k + 1);
    i = names ? hln_strmap_get(names, name, n + k) : hln_model_find_tensor(m, name);
    return i >= 0 && i < (int64_t)m->n_tensors ? (int32_t)i : -1;
}
/* rows * cols of a bitsandbytes quant_state, or 0. Bytes inside a mapped file are read with
   read(2) (hln_file_reader), never through the mapping. */
static uint64_t hln__bnb_state_count(const hln_model *m, const hln_tensor *st) {
    const hln_file *f = st->file < m->n_files ? &m->files[st->file] : NULL;
    const uint8_t *p = (const uint8_t *)st->data;
    hln_file_reader rd;
    hln_error quiet;
    hln_json j;
    char *text;
    uint64_t count = 0, u;
    uint32_t v, e, k;
    hln_result r = HLN_OK;
    if (!p || st->n_bytes == 0 || st->n_bytes > 65536 || !(text = (char *)hln_allocator_alloc(&m->arena.allocator, (size_t)st->n_bytes + 1)))
        return 0;
    memset(&quiet, 0, sizeof quiet);
    memset(&j, 0, sizeof j);
    if (f && f->data && p >= f->data && (uint64_t)(p - f->data) <= f->size && st->n_bytes <= f->size - (uint64_t)(p - f->data)) {
        if ((r = hln_file_reader_open(&rd, m, st->file, &quiet)) == HLN_OK) {
            r = hln_file_reader_read(&rd, (uint64_t)(p - f->data), text, (size_t)st->n_bytes, &quiet);
            hln_file_reader_close(&rd);
        }
    } else memcpy(text, p, (size_t)st->n_bytes);   /* memory of its own */
    if (r == HLN_OK && hln_json_parse(&j, &m->arena.allocator, text, st->n_bytes, 65536, 0, "quant_state", &quiet) == HLN_OK &&
        j.tok[0].type == HLN_JSON_OBJECT && (v = hln_json_find(&j, 0, "shape")) != 0 && j.tok[v].type == HLN_JSON_ARRAY &&
        j.tok[v].size == 2) {
        count = 1;
        for (k = 0, e = v + 1; k < 2 && count; k++, e = j.tok[e].next)
            count = hln_json_u64(&j, e, &u, "", NULL) == HLN_OK && u > 0 && u <= ((uint64_t)1 << 31) ? count * u : 0;
    }
    hln_json_free(&j);
    hln_allocator_free(&m->arena.allocator, text);
    return count;
}
static void hln__packed_gptq_awq(const hln_model *m, const hln_strmap *names, uint32_t i, uint64_t *counts) {
    const hln_tensor *w = &m->tensors[i];
    size_t stem = strlen(w->name) - 8;
    int64_t sc = hln__tensor_named(m, names, w->name, stem, ".scales"), z = hln__tensor_named(m, names, w->name, stem, ".qzeros");
    int64_t g = hln__tensor_named(m, names, w->name, stem, ".g_idx"), bits = m->hp.quant_bits, out, in;
    if (w->dtype != HLN_DTYPE_I32 || w->n_dims != 2 || w->dims[0] <= 0 || w->dims[1] <= 0 || sc < 0 || m->tensors[sc].n_dims != 2 ||
        (out = m->tensors[sc].dims[1]) <= 0 || out > INT64_MAX / 32 || w->dims[0] > INT64_MAX / 32 || w->dims[1] > INT64_MAX / 32)
        return;   /* not a layer this can read */
    if (bits <= 0 && z >= 0 && m->tensors[z].n_dims == 2 && m->tensors[z].dims[1] > 0 && m->tensors[z].dims[1] <= INT64_MAX / 32 &&
        m->tensors[z].dims[1] * 32 % out == 0)
        bits = m->tensors[z].dims[1] * 32 / out;
    if (bits <= 0) bits = 4;
    if (bits > 32) return;
    if (w->dims[1] == out && w->dims[0] * 32 % bits == 0) in = w->dims[0] * 32 / bits;   /* GPTQ */
    else if (w->dims[1] * 32 == out * bits) in = w->dims[0];                            /* AWQ */
    else return;
    if (in > INT64_MAX / out) return;
    counts[i] = (uint64_t)in * (uint64_t)out;
    counts[sc] = 0;
    if (z >= 0) counts[z] = 0;
    if (g >= 0) counts[g] = 0;
}
static void hln__packed_bnb(const hln_model *m, const hln_strmap *names, uint32_t i, size_t stem, uint64_t *counts) {
    static const char *const meta[] = { ".absmax", ".quant_map", ".nested_absmax", ".nested_quant_map" };
    int64_t w = hln__tensor_named(m, names, m->tensors[i].name, stem, ""), k;
    uint64_t n;
    size_t q;
    if (w < 0 || m->tensors[w].dtype != HLN_DTYPE_U8) return;
    n = hln__bnb_state_count(m, &m->tensors[i]);
    if (n == 0 || (n + 1) / 2 != m->tensors[w].n_elements) n = 2 * m->tensors[w].n_elements;
    counts[w] = n;
    counts[i] = 0;
    for (q = 0; q < sizeof meta / sizeof meta[0]; q++)
        if ((k = hln__tensor_named(m, names, m->tensors[i].name, stem, meta[q])) >= 0) counts[k] = 0;
}
HLN_DEF hln_result hln_model_tensor_params(const hln_model *m, uint64_t *counts) {
    hln_strmap names;
    uint32_t i, packed = 0;
    size_t q;
    for (i = 0; i < m->n_tensors; i++) {
        counts[i] = m->tensors[i].n_elements;
        packed += hln__ends(m->tensors[i].name, ".qweight") || strstr(m->tensors[i].name, ".quant_state.bitsandbytes__") != NULL;
    }
    if (!packed) return HLN_OK;
    if (!hln_strmap_init(&names, &m->arena.allocator, m->n_tensors)) return HLN_ERR_NOMEM;
    for (i = 0; i < m->n_tensors; i++) hln_strmap_put(&names, m->tensors[i].name, strlen(m->tensors[i].name), i);
    for (i = 0; i < m->n_tensors; i++) {
        const char *name = m->tensors[i].name;
        if (hln__ends(name, ".qweight")) hln__packed_gptq_awq(m, &names, i, counts);
        for (q = 0; q < 2; q++)
            if (hln__ends(name, hln__bnb_states[q])) hln__packed_bnb(m, &names, i, strlen(name) - strlen(hln__bnb_states[q]), counts);
    }
    hln_strmap_free(&names);
    return HLN_OK;
}

HLN_DEF hln_result hln_model_summarize(const hln_model *m, hln_summary *s) {
    uint32_t i, j;
    hln_dtype_stat per[HLN_DTYPE_COUNT];
    hln_tensor_role *roles;
    uint64_t *counts;
    hln__roles st;
    memset(s, 0, sizeof *s);
    memset(per, 0, sizeof per);
    roles = (hln_tensor_role *)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 1) * sizeof *roles);
    counts = (uint64_t *)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 1) * sizeof *counts);
    if (!roles || !counts || hln__roles_run(m, roles, &st) != HLN_OK || hln_model_tensor_params(m, counts) != HLN_OK) {
        hln_allocator_free(&m->arena.allocator, roles);
        hln_allocator_free(&m->arena.allocator, counts);
        return HLN_ERR_NOMEM;
    }
    s->n_batchnorm = st.n_bn;
    s->n_batchnorm_foldable = st.n_bn_foldable;
    s->n_tensors = m->n_tensors;
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        uint32_t f = roles[i].flags;
        hln_dtype_stat *d = &per[(unsigned)t->dtype < HLN_DTYPE_COUNT ? t->dtype : 0];
        if (!(f & HLN_ROLE_WEIGHT)) continue;
        if (f & HLN_ROLE_CONSTANT) {
            s->constant_params_all += counts[i];
            if (f & HLN_ROLE_MAIN) s->constant_params += counts[i];
        } else {
            s->initializer_params_all += counts[i];
            if (f & HLN_ROLE_MAIN) s->initializer_params += counts[i];
        }
        if (f & HLN_ROLE_SHAPE_CONSTANT) { s->n_shape_constants++; s->shape_constants += t->n_elements; continue; }
        if (f & HLN_ROLE_BUFFER) s->params_buffers += t->n_elements;
        if (roles[i].users > 1) s->n_shared++;
        s->n_weights++;
        d->dtype = t->dtype;
        d->tensors++;
        d->elements += counts[i];
        d->bytes += t->n_bytes;
        s->params += counts[i];
        s->weight_bytes += t->n_bytes;
    }
    hln_allocator_free(&m->arena.allocator, roles);
    hln_allocator_free(&m->arena.allocator, counts);
    for (i = 0; i < HLN_DTYPE_COUNT; i++) {
        if (!per[i].tensors) continue;
        /* insertion by bytes, largest first; ties by name for a stable order */
        for (j = s->n_dtypes; j > 0; j--) {
            const hln_dtype_stat *p = &s->dtypes[j - 1];
            if (p->bytes > per[i].bytes ||
                (p->bytes == per[i].bytes && strcmp(hln__dtypes[p->dtype].name, hln__dtypes[i].name) < 0)) break;
            s->dtypes[j] = s->dtypes[j - 1];
        }
        s->dtypes[j] = per[i];
        s->n_dtypes++;
    }
    s->bits_per_weight = s->params ? 8.0 * (double)s->weight_bytes / (double)s->params : 0.0;
    return HLN_OK;
}

/* ---- analysis: LLM facts ---- */
/* The format vocabulary the LLM pass reads, in one place: per-layer name prefixes (GGUF
   "blk.N.", Hugging Face, GPT-2 style exports), token-embedding names, learned position
   embeddings (their rows are the context), fused QKV projection names, and the architectures
   that are encoders (no causal self-attention, no KV cache): llama.cpp's LLM_ARCH names and
   Hugging Face `model_type` values. */
static const char *const hln__layer_prefixes[] = { "blk.", "model.layers.", "layers.", "transformer.h.",
                                                   "model.decoder.layers.", "blocks.", "h." };
static const char *const hln__embedding_names[] = { "token_embd.weight", "model.embed_tokens.weight", "wte.weight",
                                                    "transformer.wte.weight" };
static const char *const hln__position_names[] = { "wpe.weight", "transformer.wpe.weight", "position_embd.weight" };
static const char *const hln__fused_qkv_names[] = { "c_attn.weight", "c_attn.bias", "attn.c_attn.weight", "attn.c_attn.bias",
                                                    "self_attn.in_proj_weight", "self_attn.in_proj_bias" };
static const char *const hln__encoder_archs[] = { "bert", "nomic-bert", "nomic-bert-moe", "neo-bert", "jina-bert-v2",
                                                  "jina-bert-v3", "modern-bert", "t5encoder", "roberta", "xlm-roberta",
                                                  "distilbert", "albert", "electra", "deberta", "deberta-v2", "mpnet",
                                                  "camembert", "modernbert" };
#define HLN__GGUF_TOKENS_KEY "tokenizer.ggml.tokens"   /* vocabulary array (GGUF spec) */
#define HLN__CAUSAL_KEY_FMT  "%s.attention.causal"     /* llama.cpp: false for embedding models */

/* Layer index and the name part after it for "blk.N.rest" (GGUF) and "model.layers.N.rest"
   (Hugging Face); -1 when the name is not a per-layer tensor. */
static int64_t hln__layer_of(const char *name, const char **rest) {
    size_t k;
    for (k = 0; k < sizeof hln__layer_prefixes / sizeof hln__layer_prefixes[0]; k++) {
        size_t n = strlen(hln__layer_prefixes[k]);
        if (strncmp(name, hln__layer_prefixes[k], n) == 0 && name[n] >= '0' && name[n] <= '9') {
            int64_t v = 0;
            const char *p = name + n;
            while (*p >= '0' && *p <= '9' && v < 1000000) v = v * 10 + (*p++ - '0');
            if (*p != '.') return -1;
            *rest = p + 1;
            return v;
        }
    }
    return -1;
}

static int hln__has(const char *s, const char *sub) { return strstr(s, sub) != NULL; }
static int hln__in_list(const char *s, const char *const *list, size_t n) {
    size_t k;
    for (k = 0; s && k < n; k++) if (strcmp(s, list[k]) == 0) return 1;
    return 0;
}

/* Expert tensors: GGUF stacks experts in 3-D "*_exps" tensors; HF names them ".experts.N.". */
static int hln__is_expert_tensor(const hln_tensor *t) {
    return hln__has(t->name, "_exps.") || hln__has(t->name, ".experts.");
}

/* A mask the scores pass through before a Softmax: only elementwise and indexing ops, never a
   MatMul (whose operands are the attention's activations and weights). */
static int hln__is_mask_op(const hln_node *n) {
    static const char *const ops[] = { "Add", "Sub", "Mul", "Div", "Where", "Cast", "Slice", "Expand", "Reshape",
                                       "Unsqueeze", "Squeeze", "Equal", "Not", "Less", "Greater", "LessOrEqual",
                                       "Neg", "Identity", "Min", "Max", "And", "Or" };
    return hln__is_default_domain(n) && hln__in_list(n->op_type, ops, sizeof ops / sizeof ops[0]);
}

/* Causal self-attention in a graph: an attention op with is_causal / unidirectional = 1, a
   Trilu, or a Softmax whose scores go through a fixed square mask (a constant [.., N, N]
   reached through mask ops only: the lower-triangular buffer of GPT-style exports). A padding
   mask comes from a graph input and is not causal. */
static int hln__graph_is_causal(const hln_model *m, const hln_graph *g) {
    uint32_t i, q;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        int32_t stack[32];
        uint32_t sp = 0, steps = 0;
        for (q = 0; q < n->n_attrs; q++)
            if (n->attrs[q].type == HLN_ATTR_INT && n->attrs[q].i == 1 && n->attrs[q].name &&
                (strcmp(n->attrs[q].name, "is_causal") == 0 || strcmp(n->attrs[q].name, "unidirectional") == 0)) return 1;
        if (hln__op_is(n, "Trilu")) return 1;
        if (!hln__op_is(n, "Softmax") || !n->n_inputs) continue;
        stack[sp++] = n->inputs[0];
        while (sp && steps++ < 64) {
            int32_t vi = stack[--sp], ti, p;
            if (vi < 0 || (uint32_t)vi >= g->n_values) continue;
            ti = hln__value_tensor(m, g, vi);
            if (ti >= 0) {
                const hln_tensor *t = &m->tensors[ti];
                if (t->n_dims >= 2 && t->dims[t->n_dims - 1] >= 2 && t->dims[t->n_dims - 1] == t->dims[t->n_dims - 2]) return 1;
                continue;
            }
            p = g->values[vi].producer;
            if (p < 0 || (uint32_t)p >= g->n_nodes || !hln__is_mask_op(&g->nodes[p])) continue;
            for (q = 0; q < g->nodes[p].n_inputs && sp < 32; q++) stack[sp++] = g->nodes[p].inputs[q];
        }
    }
    return 0;
}

/* Whether the model has causal self-attention: the file says so, or its architecture is an
   encoder, or (graphs) a causal mask is found; weight-only files without an encoder sign are
   taken as decoders. */
static int hln__model_is_causal(const hln_model *m, const char *arch) {
    uint32_t i;
    if (arch) {
        char key[160];
        const hln_kv *kv;
        int64_t v;
        if (hln__in_list(arch, hln__encoder_archs, sizeof hln__encoder_archs / sizeof hln__encoder_archs[0])) return 0;
        if ((size_t)snprintf(key, sizeof key, HLN__CAUSAL_KEY_FMT, arch) < sizeof key &&
            (kv = hln_model_find_kv(m, key)) != NULL && hln_kv_as_i64(kv, &v)) return v != 0;
    }
    if (m->graph) return hln__graph_is_causal(m, m->graph);
    for (i = 0; i < m->n_tensors; i++)   /* Hugging Face BERT-style names */
        if (strncmp(m->tensors[i].name, "encoder.layer.", 14) == 0 || hln__has(m->tensors[i].name, ".encoder.layer.")) return 0;
    return 1;
}

HLN_DEF hln_result hln_model_llm(const hln_model *m, hln_llm *out) {
    hln_hparams hp = m->hp;
    hln_summary s;
    uint32_t i;
    int64_t max_layer = -1, kv_dim = -1, embd_rows = -1, embd_cols = -1, ff_dim = -1, qkv_dim = -1, pos_rows = -1;
    uint64_t *counts;
    memset(out, 0, sizeof *out);
    if (hln_model_summarize(m, &s) != HLN_OK) return HLN_ERR_NOMEM;
    out->params_total = s.params;
    counts = (uint64_t *)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 1) * sizeof *counts);
    if (!counts || hln_model_tensor_params(m, counts) != HLN_OK) { hln_allocator_free(&m->arena.allocator, counts); return HLN_ERR_NOMEM; }

    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        const char *rest = NULL;
        int64_t layer = hln__layer_of(t->name, &rest);
        if (hln__is_expert_tensor(t)) out->params_experts += counts[i];
        if (layer > max_layer) max_layer = layer;
        if (layer == 0 && t->n_dims == 2 &&
            (strncmp(rest, "attn_k.weight", 13) == 0 || strncmp(rest, "self_attn.k_proj.weight", 23) == 0))
            kv_dim = t->dims[0];   /* [n_head_kv * head_dim, n_embd] */
        if (layer == 0 && t->n_dims == 2 &&
            (strncmp(rest, "ffn_up.weight", 13) == 0 || strncmp(rest, "mlp.up_proj.weight", 18) == 0))
            ff_dim = t->dims[0];   /* [n_ff, n_embd] */
        if (layer == 0 && t->n_dims >= 1 &&
            hln__in_list(rest, hln__fused_qkv_names, sizeof hln__fused_qkv_names / sizeof hln__fused_qkv_names[0]))
            qkv_dim = t->dims[t->n_dims - 1];   /* [.., 3 * n_embd] when K and V are as wide as Q */
        if (t->n_dims == 2 && hln__in_list(t->name, hln__position_names, sizeof hln__position_names / sizeof hln__position_names[0]))
            pos_rows = t->dims[0];   /* learned positions: [context, n_embd] */
        if (t->n_dims == 2 && hln__in_list(t->name, hln__embedding_names, sizeof hln__embedding_names / sizeof hln__embedding_names[0])) {
            embd_rows = t->dims[0];
            embd_cols = t->dims[1];
        }
    }
    hln_allocator_free(&m->arena.allocator, counts);
    if (out->params_experts > out->params_total) out->params_experts = out->params_total;
    /* Complete what the file did not say from the tensors, then from the vocabulary. */
    if (hp.n_layer < 0 && max_layer >= 0) hp.n_layer = max_layer + 1;
    if (hp.n_embd < 0 && embd_cols > 0) hp.n_embd = embd_cols;
    if (hp.n_ff < 0 && ff_dim > 0) hp.n_ff = ff_dim;
    if (hp.n_vocab < 0 && embd_rows > 0) hp.n_vocab = embd_rows;
    if (hp.context_length < 0 && pos_rows > 0) hp.context_length = pos_rows;
    if (hp.n_vocab < 0) {
        const hln_kv *kv = hln_model_find_kv(m, HLN__GGUF_TOKENS_KEY);
        if (kv && kv->type == HLN_KV_ARRAY && kv->v.a.count <= (uint64_t)INT64_MAX) hp.n_vocab = (int64_t)kv->v.a.count;
    }
    if (hp.n_head_kv < 0 && hp.n_head > 0) hp.n_head_kv = hp.n_head;
    if (hp.head_dim < 0 && hp.n_head > 0 && hp.n_embd > 0 && hp.n_embd % hp.n_head == 0)
        hp.head_dim = hp.n_embd / hp.n_head;
    out->hp = hp;
    out->valid = hp.n_layer > 0 && (hp.n_head > 0 || kv_dim > 0 || hp.n_embd > 0);
    out->causal = out->valid && hln__model_is_causal(m, hp.arch);

    if (out->causal) {
        uint64_t per_layer = 0, bytes;
        if (hp.n_head_kv > 0 && hp.head_dim > 0) per_layer = (uint64_t)hp.n_head_kv * (uint64_t)hp.head_dim;
        else if (kv_dim > 0) per_layer = (uint64_t)kv_dim;   /* heads unknown, K width known */
        else if (hp.n_embd > 0 && qkv_dim == 3 * hp.n_embd) per_layer = (uint64_t)hp.n_embd;   /* fused QKV */
        if (per_layer && hp.n_layer > 0 &&
            !hln_mul_overflow(per_layer, (uint64_t)hp.n_layer, &bytes) &&
            !hln_mul_overflow(bytes, 4, &bytes)) {
            uint32_t k;
            out->kv_bytes_per_token_f16 = bytes;
            for (k = 0; k < HLN_KV_CURVE_POINTS; k++) {
                out->kv_context[k] = (uint64_t)1024 << k;
                if (hln_mul_overflow(bytes, out->kv_context[k], &out->kv_bytes[k])) out->kv_bytes[k] = UINT64_MAX;
            }
        }
    }
    out->params_active = out->params_total;
    if (out->params_experts && hp.expert_count > 0 && hp.expert_used_count > 0 &&
        hp.expert_used_count <= hp.expert_count)
        out->params_active = out->params_total - out->params_experts +
                             out->params_experts / (uint64_t)hp.expert_count * (uint64_t)hp.expert_used_count;
    return HLN_OK;
}

/* ---- analysis: deployment (hardware profiles, roofline, LLM estimates, memory planner) ---- */
#ifndef HLN_MALLOC
#define HLN_MALLOC(sz) malloc(sz)
#define HLN_FREE(p) free(p)
#endif
/* The built-in profiles. Every figure is the vendor's own (docs/hardware.md gives each
   device's documents, and what is derived); 0 where the vendor publishes none. Columns:
   name, label, kind, memory, GB/s, dense {fp32, tf32, fp16, bf16, fp8, int8, int4}, W,
   bus bits, MT/s, sources. Memory capacities as vendors print them ("80GB") are binary
   (DRAM is sized in powers of two: 80 GiB); bandwidth is decimal (1e9 B/s). */
#define HLN__GIB(x) ((uint64_t)((x) * 1073741824.0))
#define HLN__KIB(x) ((uint64_t)(x) * 1024u)
#define HLN__SRC_A100 "NVIDIA A100 Tensor Core GPU datasheet, 1758950-r4 (Jun 2021)"
#define HLN__SRC_H100 "NVIDIA H100 Tensor Core GPU datasheet (2023)"
#define HLN__SRC_H200 "NVIDIA H200 Tensor Core GPU datasheet (Nov 2024)"
#define HLN__SRC_ADA  "NVIDIA Ada GPU Architecture whitepaper v2.01 (2023)"
#define HLN__SRC_GA102 "NVIDIA Ampere GA102 GPU Architecture whitepaper v2.0 (2021)"
#define HLN__SRC_GF40 "NVIDIA GeForce RTX 40 Series product specifications (nvidia.com, 2023)"
#define HLN__SRC_GF50 "NVIDIA GeForce RTX 50 Series product specifications (nvidia.com, 2025)"
#define HLN__SRC_GB20X "NVIDIA RTX Blackwell GPU Architecture whitepaper v1.0 (2025)"
#define HLN__SRC_GF30 "NVIDIA GeForce RTX 30 Series product specifications (nvidia.com, 2021)"
#define HLN__SRC_APPLE(x) "Apple Newsroom press release and tech specifications: " x
#define HLN__SRC_ORIN "NVIDIA Jetson Orin module data sheets (DS-10662-001, DS-10712-001) and Jetson AGX Orin Series Technical Brief v1.2"
static const hln_hw_profile hln__hw_builtin[] = {
    /* ---- NVIDIA data centre ---- */
    { "a100-sxm4-40gb", "NVIDIA A100 SXM4 40GB", HLN_HW_GPU, HLN__GIB(40), 1555, { 19.5, 156, 312, 312, 0, 624, 1248 }, 400, 0, 0, { HLN__SRC_A100, NULL, NULL } },
    { "a100-sxm4-80gb", "NVIDIA A100 SXM4 80GB", HLN_HW_GPU, HLN__GIB(80), 2039, { 19.5, 156, 312, 312, 0, 624, 1248 }, 400, 0, 0, { HLN__SRC_A100, NULL, NULL } },
    { "a100-pcie-40gb", "NVIDIA A100 PCIe 40GB", HLN_HW_GPU, HLN__GIB(40), 1555, { 19.5, 156, 312, 312, 0, 624, 1248 }, 250, 0, 0, { HLN__SRC_A100, NULL, NULL } },
    { "a100-pcie-80gb", "NVIDIA A100 PCIe 80GB", HLN_HW_GPU, HLN__GIB(80), 1935, { 19.5, 156, 312, 312, 0, 624, 1248 }, 300, 0, 0, { HLN__SRC_A100, NULL, NULL } },
    { "h100-sxm5-80gb", "NVIDIA H100 SXM5 80GB", HLN_HW_GPU, HLN__GIB(80), 3350, { 67, 494.5, 989.5, 989.5, 1979, 1979, 0 }, 700, 0, 0, { HLN__SRC_H100, NULL, NULL } },
    { "h100-pcie-80gb", "NVIDIA H100 PCIe 80GB", HLN_HW_GPU, HLN__GIB(80), 2000, { 51, 378, 756.5, 756.5, 1513, 1513, 0 }, 350, 0, 0, { HLN__SRC_H100, "NVIDIA H100 PCIe product brief PB-11133-001_v02 (Nov 2022)", NULL } },
    { "h100-nvl-94gb", "NVIDIA H100 NVL 94GB", HLN_HW_GPU, HLN__GIB(94), 3900, { 60, 417.5, 835.5, 835.5, 1670.5, 1670.5, 0 }, 400, 0, 0, { HLN__SRC_H100, NULL, NULL } },
    { "h200-sxm-141gb", "NVIDIA H200 SXM 141GB", HLN_HW_GPU, HLN__GIB(141), 4800, { 67, 494.5, 989.5, 989.5, 1979, 1979, 0 }, 700, 0, 0, { HLN__SRC_H200, NULL, NULL } },
    { "h200-nvl-141gb", "NVIDIA H200 NVL 141GB", HLN_HW_GPU, HLN__GIB(141), 4800, { 60, 417.5, 835.5, 835.5, 1670.5, 1670.5, 0 }, 600, 0, 0, { HLN__SRC_H200, NULL, NULL } },
    { "b200-hgx-180gb", "NVIDIA B200 (HGX B200) 180GB", HLN_HW_GPU, HLN__GIB(180), 7700, { 75, 1100, 2250, 2250, 4500, 4500, 0 }, 1000, 0, 0, { "NVIDIA HGX B200 specifications (nvidia.com HGX platform page, 2024), per-GPU column", NULL, NULL } },
    { "b200-gb200-186gb", "NVIDIA B200 in GB200 NVL72 186GB", HLN_HW_GPU, HLN__GIB(186), 8000, { 80, 1250, 2500, 2500, 5000, 5000, 0 }, 1200, 0, 0, { "NVIDIA GB200 NVL72 specifications (nvidia.com, 2024), per-GPU column", NULL, NULL } },
    { "l4", "NVIDIA L4 24GB", HLN_HW_GPU, HLN__GIB(24), 300, { 30.3, 60, 121, 121, 242.5, 242.5, 0 }, 72, 0, 0, { "NVIDIA L4 Tensor Core GPU datasheet (Mar 2023)", NULL, NULL } },
    { "l40", "NVIDIA L40 48GB", HLN_HW_GPU, HLN__GIB(48), 864, { 90.5, 90.5, 181.05, 181.05, 362, 362, 724 }, 300, 384, 18000, { "NVIDIA L40 GPU datasheet (Oct 2022)", HLN__SRC_ADA, NULL } },
    { "l40s", "NVIDIA L40S 48GB", HLN_HW_GPU, HLN__GIB(48), 864, { 91.6, 183, 362.05, 362.05, 733, 733, 733 }, 350, 384, 18000, { "NVIDIA L40S GPU datasheet (Oct 2023)", NULL, NULL } },
    { "a40", "NVIDIA A40 48GB", HLN_HW_GPU, HLN__GIB(48), 696, { 37.4, 74.8, 149.7, 149.7, 0, 299.3, 598.7 }, 300, 0, 0, { "NVIDIA A40 datasheet (2021)", NULL, NULL } },
    { "a30", "NVIDIA A30 24GB", HLN_HW_GPU, HLN__GIB(24), 933, { 10.3, 82, 165, 165, 0, 330, 661 }, 165, 0, 0, { "NVIDIA A30 Tensor Core GPU datasheet (2021)", NULL, NULL } },
    { "a10", "NVIDIA A10 24GB", HLN_HW_GPU, HLN__GIB(24), 600, { 31.2, 62.5, 125, 125, 0, 250, 500 }, 150, 0, 0, { "NVIDIA A10 Tensor Core GPU datasheet (2021)", NULL, NULL } },
    { "a2", "NVIDIA A2 16GB", HLN_HW_GPU, HLN__GIB(16), 200, { 4.5, 9, 18, 18, 0, 36, 72 }, 60, 0, 0, { "NVIDIA A2 Tensor Core GPU datasheet (Nov 2021)", NULL, NULL } },
    { "t4", "NVIDIA T4 16GB", HLN_HW_GPU, HLN__GIB(16), 320, { 8.1, 0, 65, 0, 0, 130, 260 }, 70, 0, 0, { "NVIDIA T4 Tensor Core GPU datasheet (2019)", NULL, NULL } },
    { "v100-sxm2-32gb", "NVIDIA V100 SXM2 32GB", HLN_HW_GPU, HLN__GIB(32), 900, { 15.7, 0, 125, 0, 0, 0, 0 }, 300, 0, 0, { "NVIDIA Tesla V100 GPU datasheet (Jan 2020)", NULL, NULL } },
    { "v100-pcie-32gb", "NVIDIA V100 PCIe 32GB", HLN_HW_GPU, HLN__GIB(32), 900, { 14, 0, 112, 0, 0, 0, 0 }, 250, 0, 0, { "NVIDIA Tesla V100 GPU datasheet (Jan 2020)", NULL, NULL } },
    { "rtx-6000-ada", "NVIDIA RTX 6000 Ada Generation 48GB", HLN_HW_GPU, HLN__GIB(48), 960, { 91.1, 0, 0, 0, 0, 0, 0 }, 300, 384, 20000, { "NVIDIA RTX 6000 Ada Generation datasheet (2022)", NULL, NULL } },
    { "rtx-a6000", "NVIDIA RTX A6000 48GB", HLN_HW_GPU, HLN__GIB(48), 768, { 38.7, 0, 0, 0, 0, 0, 0 }, 300, 384, 16000, { "NVIDIA RTX A6000 datasheet (2021)", NULL, NULL } },
    /* ---- AMD and Intel data centre ---- */
    { "mi300x", "AMD Instinct MI300X 192GB", HLN_HW_GPU, HLN__GIB(192), 5300, { 163.4, 653.7, 1307.4, 1307.4, 2614.9, 2614.9, 0 }, 750, 0, 0, { "AMD Instinct MI300X accelerator data sheet (2023)", NULL, NULL } },
    { "mi325x", "AMD Instinct MI325X 256GB", HLN_HW_GPU, HLN__GIB(256), 6000, { 163.4, 653.7, 1307.4, 1307.4, 2614.9, 2614.9, 0 }, 1000, 0, 0, { "AMD Instinct MI325X accelerator data sheet (2024)", NULL, NULL } },
    { "mi300a", "AMD Instinct MI300A 128GB", HLN_HW_SOC, HLN__GIB(128), 5300, { 122.6, 490.3, 980.6, 980.6, 1961.2, 1961.2, 0 }, 550, 0, 0, { "AMD Instinct MI300A APU data sheet (2023)", NULL, NULL } },
    { "mi250x", "AMD Instinct MI250X 128GB", HLN_HW_GPU, HLN__GIB(128), 3276.8, { 47.9, 0, 383, 383, 0, 383, 383 }, 560, 8192, 3200, { "AMD Instinct MI250X accelerator data sheet (2021)", NULL, NULL } },
    { "mi250", "AMD Instinct MI250 128GB", HLN_HW_GPU, HLN__GIB(128), 3276.8, { 45.3, 0, 362.1, 362.1, 0, 362.1, 362.1 }, 560, 8192, 3200, { "AMD Instinct MI250 accelerator data sheet (2021)", NULL, NULL } },
    { "mi210", "AMD Instinct MI210 64GB", HLN_HW_GPU, HLN__GIB(64), 1638.4, { 22.6, 0, 181, 181, 0, 181, 181 }, 300, 4096, 3200, { "AMD Instinct MI210 accelerator data sheet (2022)", NULL, NULL } },
    { "gaudi3", "Intel Gaudi 3 128GB (OAM)", HLN_HW_GPU, HLN__GIB(128), 3670, { 0, 0, 0, 1835, 1835, 0, 0 }, 900, 0, 0, { "Intel, Intel Gaudi 3 AI Accelerator: Architected for Gen AI Training and Inference (Hot Chips 2024, Aug 2024)", "Intel Gaudi 3 AI Accelerator white paper (2024)", NULL } },
    /* ---- consumer GPUs ---- */
    { "rtx-5090", "NVIDIA GeForce RTX 5090 32GB", HLN_HW_GPU, HLN__GIB(32), 1792, { 104.8, 0, 0, 0, 0, 0, 0 }, 575, 512, 28000, { HLN__SRC_GF50, HLN__SRC_GB20X, NULL } },
    { "rtx-5080", "NVIDIA GeForce RTX 5080 16GB", HLN_HW_GPU, HLN__GIB(16), 960, { 56.3, 0, 0, 0, 0, 0, 0 }, 360, 256, 30000, { HLN__SRC_GF50, HLN__SRC_GB20X, NULL } },
    { "rtx-5070-ti", "NVIDIA GeForce RTX 5070 Ti 16GB", HLN_HW_GPU, HLN__GIB(16), 896, { 0, 0, 0, 0, 0, 0, 0 }, 300, 256, 28000, { HLN__SRC_GF50, NULL, NULL } },
    { "rtx-5070", "NVIDIA GeForce RTX 5070 12GB", HLN_HW_GPU, HLN__GIB(12), 672, { 0, 0, 0, 0, 0, 0, 0 }, 250, 192, 28000, { HLN__SRC_GF50, NULL, NULL } },
    { "rtx-4090", "NVIDIA GeForce RTX 4090 24GB", HLN_HW_GPU, HLN__GIB(24), 1008, { 82.6, 82.6, 165.2, 165.2, 330.3, 660.6, 1321.2 }, 450, 384, 21000, { HLN__SRC_ADA, HLN__SRC_GF40, NULL } },
    { "rtx-4080-super", "NVIDIA GeForce RTX 4080 SUPER 16GB", HLN_HW_GPU, HLN__GIB(16), 736, { 52, 0, 0, 0, 0, 0, 0 }, 320, 256, 23000, { HLN__SRC_GF40, NULL, NULL } },
    { "rtx-4080", "NVIDIA GeForce RTX 4080 16GB", HLN_HW_GPU, HLN__GIB(16), 716.8, { 48.7, 48.7, 97.5, 97.5, 194.9, 389.9, 779.8 }, 320, 256, 22400, { HLN__SRC_ADA, HLN__SRC_GF40, NULL } },
    { "rtx-4070-ti", "NVIDIA GeForce RTX 4070 Ti 12GB", HLN_HW_GPU, HLN__GIB(12), 504, { 40, 0, 0, 0, 0, 0, 0 }, 285, 192, 21000, { HLN__SRC_GF40, NULL, NULL } },
    { "rtx-4070", "NVIDIA GeForce RTX 4070 12GB", HLN_HW_GPU, HLN__GIB(12), 504, { 29, 0, 0, 0, 0, 0, 0 }, 200, 192, 21000, { HLN__SRC_GF40, NULL, NULL } },
    { "rtx-4060-ti-16gb", "NVIDIA GeForce RTX 4060 Ti 16GB", HLN_HW_GPU, HLN__GIB(16), 288, { 22, 0, 0, 0, 0, 0, 0 }, 165, 128, 18000, { HLN__SRC_GF40, NULL, NULL } },
    { "rtx-4060", "NVIDIA GeForce RTX 4060 8GB", HLN_HW_GPU, HLN__GIB(8), 272, { 15, 0, 0, 0, 0, 0, 0 }, 115, 128, 17000, { HLN__SRC_GF40, NULL, NULL } },
    { "rtx-3090-ti", "NVIDIA GeForce RTX 3090 Ti 24GB", HLN_HW_GPU, HLN__GIB(24), 1008, { 40, 0, 0, 0, 0, 0, 0 }, 450, 384, 21000, { HLN__SRC_GF30, "NVIDIA GeForce RTX 3090 Ti announcement (nvidia.com, Mar 2022): 40 shader TFLOPS", NULL } },
    { "rtx-3090", "NVIDIA GeForce RTX 3090 24GB", HLN_HW_GPU, HLN__GIB(24), 936, { 35.6, 35.6, 71, 71, 0, 284, 568 }, 350, 384, 19500, { HLN__SRC_GA102, HLN__SRC_GF30, NULL } },
    { "rtx-3080", "NVIDIA GeForce RTX 3080 10GB", HLN_HW_GPU, HLN__GIB(10), 760, { 29.8, 29.8, 59.5, 59.5, 0, 238, 476 }, 320, 320, 19000, { HLN__SRC_GA102, HLN__SRC_GF30, NULL } },
    { "rtx-3070", "NVIDIA GeForce RTX 3070 8GB", HLN_HW_GPU, HLN__GIB(8), 448, { 20.3, 20.3, 40.6, 40.6, 0, 162.6, 325.2 }, 220, 256, 14000, { HLN__SRC_GA102, HLN__SRC_GF30, NULL } },
    { "rtx-3060-12gb", "NVIDIA GeForce RTX 3060 12GB", HLN_HW_GPU, HLN__GIB(12), 360, { 0, 0, 0, 0, 0, 0, 0 }, 170, 192, 15000, { HLN__SRC_GF30, NULL, NULL } },
    { "rx-7900-xtx", "AMD Radeon RX 7900 XTX 24GB", HLN_HW_GPU, HLN__GIB(24), 960, { 61.4, 0, 122.8, 0, 0, 0, 0 }, 355, 384, 20000, { "AMD Radeon RX 7900 XTX product specifications (amd.com, 2022)", NULL, NULL } },
    { "rx-7900-xt", "AMD Radeon RX 7900 XT 20GB", HLN_HW_GPU, HLN__GIB(20), 800, { 51.6, 0, 103.2, 0, 0, 0, 0 }, 315, 320, 20000, { "AMD Radeon RX 7900 XT product specifications (amd.com, 2022)", NULL, NULL } },
    { "rx-7800-xt", "AMD Radeon RX 7800 XT 16GB", HLN_HW_GPU, HLN__GIB(16), 624, { 37.3, 0, 74.6, 0, 0, 0, 0 }, 263, 256, 19500, { "AMD Radeon RX 7800 XT product specifications (amd.com, 2023)", NULL, NULL } },
    /* ---- Apple silicon (unified memory: the largest configuration; Apple publishes no TDP) ---- */
    { "apple-m1", "Apple M1 (16GB)", HLN_HW_SOC, HLN__GIB(16), 0, { 2.6, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unleashes M1 (10 Nov 2020)"), NULL, NULL } },
    { "apple-m1-pro", "Apple M1 Pro (32GB)", HLN_HW_SOC, HLN__GIB(32), 200, { 5.2, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Introducing M1 Pro and M1 Max (18 Oct 2021)"), NULL, NULL } },
    { "apple-m1-max", "Apple M1 Max (64GB)", HLN_HW_SOC, HLN__GIB(64), 400, { 10.4, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Introducing M1 Pro and M1 Max (18 Oct 2021)"), NULL, NULL } },
    { "apple-m1-ultra", "Apple M1 Ultra (128GB)", HLN_HW_SOC, HLN__GIB(128), 800, { 21, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils M1 Ultra (8 Mar 2022)"), NULL, NULL } },
    { "apple-m2", "Apple M2 (24GB)", HLN_HW_SOC, HLN__GIB(24), 100, { 3.6, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils M2 (6 Jun 2022)"), NULL, NULL } },
    { "apple-m2-pro", "Apple M2 Pro (32GB)", HLN_HW_SOC, HLN__GIB(32), 200, { 6.8, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils M2 Pro and M2 Max (17 Jan 2023)"), NULL, NULL } },
    { "apple-m2-max", "Apple M2 Max (96GB)", HLN_HW_SOC, HLN__GIB(96), 400, { 13.6, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils M2 Pro and M2 Max (17 Jan 2023)"), NULL, NULL } },
    { "apple-m2-ultra", "Apple M2 Ultra (192GB)", HLN_HW_SOC, HLN__GIB(192), 800, { 27.2, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple introduces M2 Ultra (5 Jun 2023)"), NULL, NULL } },
    { "apple-m3", "Apple M3 (24GB)", HLN_HW_SOC, HLN__GIB(24), 100, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils M3, M3 Pro, and M3 Max (30 Oct 2023)"), NULL, NULL } },
    { "apple-m3-pro", "Apple M3 Pro (36GB)", HLN_HW_SOC, HLN__GIB(36), 150, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils M3, M3 Pro, and M3 Max (30 Oct 2023)"), NULL, NULL } },
    { "apple-m3-max", "Apple M3 Max 16-core CPU (128GB)", HLN_HW_SOC, HLN__GIB(128), 400, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils M3, M3 Pro, and M3 Max (30 Oct 2023)"), NULL, NULL } },
    { "apple-m3-ultra", "Apple M3 Ultra (512GB)", HLN_HW_SOC, HLN__GIB(512), 819, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple reveals M3 Ultra (5 Mar 2025)"), NULL, NULL } },
    { "apple-m4", "Apple M4 (32GB)", HLN_HW_SOC, HLN__GIB(32), 120, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple introduces M4 Pro and M4 Max (30 Oct 2024)"), NULL, NULL } },
    { "apple-m4-pro", "Apple M4 Pro (64GB)", HLN_HW_SOC, HLN__GIB(64), 273, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple introduces M4 Pro and M4 Max (30 Oct 2024)"), NULL, NULL } },
    { "apple-m4-max", "Apple M4 Max 16-core CPU (128GB)", HLN_HW_SOC, HLN__GIB(128), 546, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple introduces M4 Pro and M4 Max (30 Oct 2024)"), NULL, NULL } },
    /* ---- Jetson (TDP: the top of the module's power range) ---- */
    { "jetson-agx-orin-64gb", "NVIDIA Jetson AGX Orin 64GB", HLN_HW_SOC, HLN__GIB(64), 204.8, { 5.3, 0, 0, 0, 0, 137.5, 0 }, 60, 256, 6400, { HLN__SRC_ORIN, NULL, NULL } },
    { "jetson-agx-orin-32gb", "NVIDIA Jetson AGX Orin 32GB", HLN_HW_SOC, HLN__GIB(32), 204.8, { 0, 0, 0, 0, 0, 100, 0 }, 40, 256, 6400, { HLN__SRC_ORIN, NULL, NULL } },
    { "jetson-orin-nx-16gb", "NVIDIA Jetson Orin NX 16GB", HLN_HW_SOC, HLN__GIB(16), 102.4, { 0, 0, 0, 0, 0, 50, 0 }, 25, 128, 6400, { HLN__SRC_ORIN, NULL, NULL } },
    { "jetson-orin-nx-8gb", "NVIDIA Jetson Orin NX 8GB", HLN_HW_SOC, HLN__GIB(8), 102.4, { 0, 0, 0, 0, 0, 35, 0 }, 20, 128, 6400, { HLN__SRC_ORIN, NULL, NULL } },
    { "jetson-orin-nano-8gb", "NVIDIA Jetson Orin Nano 8GB", HLN_HW_SOC, HLN__GIB(8), 68, { 0, 0, 0, 0, 0, 20, 0 }, 15, 0, 0, { HLN__SRC_ORIN, NULL, NULL } },
    { "jetson-orin-nano-4gb", "NVIDIA Jetson Orin Nano 4GB", HLN_HW_SOC, HLN__GIB(4), 34, { 0, 0, 0, 0, 0, 10, 0 }, 10, 0, 0, { HLN__SRC_ORIN, NULL, NULL } },
    { "jetson-orin-nano-super-8gb", "NVIDIA Jetson Orin Nano Super Developer Kit 8GB", HLN_HW_SOC, HLN__GIB(8), 102, { 0, 0, 0, 0, 0, 0, 0 }, 25, 0, 0, { "NVIDIA Jetson Orin Nano Super Developer Kit datasheet (Dec 2024)", NULL, NULL } },
    /* ---- phone SoCs (memory: the most the SoC supports; bandwidth and NPU figures are not published) ---- */
    { "snapdragon-8-gen-2", "Qualcomm Snapdragon 8 Gen 2", HLN_HW_SOC, HLN__GIB(24), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "Qualcomm Snapdragon 8 Gen 2 Mobile Platform product brief (2022)", NULL, NULL } },
    { "snapdragon-8-gen-3", "Qualcomm Snapdragon 8 Gen 3", HLN_HW_SOC, HLN__GIB(24), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "Qualcomm Snapdragon 8 Gen 3 Mobile Platform product brief (2023)", NULL, NULL } },
    { "apple-a17-pro", "Apple A17 Pro (iPhone 15 Pro)", HLN_HW_SOC, HLN__GIB(8), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { HLN__SRC_APPLE("Apple unveils iPhone 15 Pro and iPhone 15 Pro Max (12 Sep 2023)"), NULL, NULL } },
    { "dimensity-9300", "MediaTek Dimensity 9300", HLN_HW_SOC, HLN__GIB(24), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "MediaTek Dimensity 9300 product page (mediatek.com, 2023)", NULL, NULL } },
    { "tensor-g3", "Google Tensor G3 (Pixel 8 Pro)", HLN_HW_SOC, HLN__GIB(12), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "Google Pixel 8 Pro tech specs (store.google.com, 2023)", NULL, NULL } },
    /* ---- single-board computers ---- */
    { "raspberry-pi-4-8gb", "Raspberry Pi 4 Model B 8GB", HLN_HW_SOC, HLN__GIB(8), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "Raspberry Pi 4 Model B product brief (Raspberry Pi Ltd, 2021)", NULL, NULL } },
    { "raspberry-pi-5-8gb", "Raspberry Pi 5 8GB", HLN_HW_SOC, HLN__GIB(8), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "Raspberry Pi 5 product brief (Raspberry Pi Ltd, 2023)", NULL, NULL } },
    /* ---- server and desktop CPUs (memory: the most the platform supports; bandwidth from the channels) ---- */
    { "epyc-9654", "AMD EPYC 9654 (Genoa, 96 cores)", HLN_HW_CPU, HLN__GIB(6144), 460.8, { 0, 0, 0, 0, 0, 0, 0 }, 360, 768, 4800, { "AMD EPYC 9654 product specifications (amd.com, 2022)", NULL, NULL } },
    { "xeon-platinum-8480p", "Intel Xeon Platinum 8480+ (Sapphire Rapids, 56 cores)", HLN_HW_CPU, HLN__GIB(4096), 307.2, { 0, 0, 0, 0, 0, 0, 0 }, 350, 512, 4800, { "Intel Xeon Platinum 8480+ processor specifications (ark.intel.com, 2023)", NULL, NULL } },
    { "graviton3", "AWS Graviton3 (64 cores)", HLN_HW_CPU, 0, 307.2, { 0, 0, 0, 0, 0, 0, 0 }, 0, 512, 4800, { "AWS Graviton3 processor page (aws.amazon.com/ec2/graviton, 2022): DDR5-4800", NULL, NULL } },
    { "graviton4", "AWS Graviton4 (96 cores)", HLN_HW_CPU, 0, 537.6, { 0, 0, 0, 0, 0, 0, 0 }, 0, 768, 5600, { "AWS Graviton4 announcement (re:Invent, Nov 2023): 12 channels DDR5-5600", NULL, NULL } },
    { "grace-cpu-superchip", "NVIDIA Grace CPU Superchip (144 cores)", HLN_HW_CPU, HLN__GIB(960), 1000, { 0, 0, 0, 0, 0, 0, 0 }, 500, 0, 0, { "NVIDIA Grace CPU Superchip datasheet (2023)", NULL, NULL } },
    { "ryzen-9-7950x", "AMD Ryzen 9 7950X", HLN_HW_CPU, HLN__GIB(128), 83.2, { 0, 0, 0, 0, 0, 0, 0 }, 170, 128, 5200, { "AMD Ryzen 9 7950X product specifications (amd.com, 2022)", NULL, NULL } },
    { "core-i9-14900k", "Intel Core i9-14900K", HLN_HW_CPU, HLN__GIB(192), 89.6, { 0, 0, 0, 0, 0, 0, 0 }, 125, 128, 5600, { "Intel Core i9-14900K processor specifications (ark.intel.com, 2023)", NULL, NULL } },
    /* ---- microcontrollers ---- */
    { "stm32h743", "ST STM32H743 (Cortex-M7, 480 MHz, 1MB RAM)", HLN_HW_MCU, HLN__KIB(1024), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "ST STM32H742xI/G STM32H743xI/G datasheet DS12110", NULL, NULL } },
    { "esp32-s3-n16r8", "Espressif ESP32-S3 (512KB SRAM + 8MB PSRAM)", HLN_HW_MCU, HLN__KIB(512 + 8192), 0, { 0, 0, 0, 0, 0, 0, 0 }, 0, 0, 0, { "Espressif ESP32-S3 Series datasheet; ESP32-S3-WROOM-1 datasheet (N16R8)", NULL, NULL } },
};
#define HLN__HW_BUILTIN_N ((uint32_t)(sizeof hln__hw_builtin / sizeof hln__hw_builtin[0]))

HLN_DEF const char *hln_hw_kind_name(hln_hw_kind k) {
    static const char *const names[] = { "gpu", "cpu", "soc", "mcu" };
    return (unsigned)k < HLN_HW_KIND_COUNT ? names[k] : "?";
}
HLN_DEF const char *hln_prec_name(hln_prec p) {
    static const char *const names[] = { "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4" };
    return (unsigned)p < HLN_PREC_COUNT ? names[p] : "?";
}
HLN_DEF void hln_hw_list_builtin(hln_hw_list *l) {
    memset(l, 0, sizeof *l);
    l->items = hln__hw_builtin;
    l->n = HLN__HW_BUILTIN_N;
}
HLN_DEF void hln_hw_list_free(hln_hw_list *l) {
    HLN_FREE(l->owned);
    HLN_FREE(l->text);
    hln_hw_list_builtin(l);
}

static int hln__lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }
static int hln__ieq(const char *a, const char *b) {
    while (*a && hln__lower((unsigned char)*a) == hln__lower((unsigned char)*b)) { a++; b++; }
    return *a == 0 && *b == 0;
}
HLN_DEF const hln_hw_profile *hln_hw_find(const hln_hw_list *l, const char *name) {
    uint32_t i;
    for (i = 0; i < l->n; i++) if (hln__ieq(l->items[i].name, name)) return &l->items[i];
    return NULL;
}

/* Edit distance of two short names, case-insensitive, capped (names are <= 47 bytes). */
static uint32_t hln__edit_distance(const char *a, const char *b) {
    uint32_t row[HLN_HW_NAME_MAX + 2], i, j, la = (uint32_t)strlen(a), lb = (uint32_t)strlen(b);
    if (la > HLN_HW_NAME_MAX || lb > HLN_HW_NAME_MAX) return 99;
    for (j = 0; j <= lb; j++) row[j] = j;
    for (i = 1; i <= la; i++) {
        uint32_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            uint32_t up = row[j], best = diag + (hln__lower((unsigned char)a[i - 1]) != hln__lower((unsigned char)b[j - 1]));
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}
static int hln__icontains(const char *hay, const char *needle) {
    size_t n = strlen(needle), i;
    if (!n) return 0;
    for (; *hay; hay++) {
        for (i = 0; i < n && hay[i] && hln__lower((unsigned char)hay[i]) == hln__lower((unsigned char)needle[i]); i++) {}
        if (i == n) return 1;
    }
    return 0;
}
HLN_DEF uint32_t hln_hw_near(const hln_hw_list *l, const char *name, const hln_hw_profile **out, uint32_t cap) {
    uint32_t i, j, n = 0, score[16];
    if (cap > 16) cap = 16;
    for (i = 0; i < l->n; i++) {
        /* a name containing the query, else one within a small edit distance (a third of it) */
        uint32_t d = hln__icontains(l->items[i].name, name) ? 0 : hln__edit_distance(l->items[i].name, name);
        if (d && (d > 3 || d * 3 > (uint32_t)strlen(name))) continue;
        for (j = n < cap ? n : cap; j > 0 && score[j - 1] > d; j--)
            if (j < cap) { score[j] = score[j - 1]; out[j] = out[j - 1]; }
        if (j < cap) { score[j] = d; out[j] = &l->items[i]; if (n < cap) n++; }
    }
    return n;
}

/* Dense-peak ladder: each pair (lower, higher) where the lower precision may run at most
   `factor` times the higher one (docs/hardware.md). A 2:4-sparse figure doubles one rung. */
static const struct { hln_prec lo, hi; double factor; } hln__hw_ladder[] = {
    { HLN_PREC_FP16, HLN_PREC_TF32, 2.1 }, { HLN_PREC_BF16, HLN_PREC_FP16, 1.05 }, { HLN_PREC_FP16, HLN_PREC_BF16, 1.05 },
    { HLN_PREC_FP8, HLN_PREC_FP16, 2.1 }, { HLN_PREC_INT8, HLN_PREC_FP8, 2.1 }, { HLN_PREC_INT4, HLN_PREC_INT8, 2.1 },
};
HLN_DEF int hln_hw_check(const hln_hw_profile *p, char *why, size_t cap) {
    const char *c;
    uint32_t k;
    if (!p->name || !*p->name || strlen(p->name) > HLN_HW_NAME_MAX) { snprintf(why, cap, "no name, or longer than %d", HLN_HW_NAME_MAX); return 0; }
    for (c = p->name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-')) {
            snprintf(why, cap, "%s: names are lower-case letters, digits and '-'", p->name); return 0;
        }
    if (!p->sources[0] || !*p->sources[0]) { snprintf(why, cap, "%s: no source", p->name); return 0; }
    if ((unsigned)p->kind >= HLN_HW_KIND_COUNT) { snprintf(why, cap, "%s: bad kind", p->name); return 0; }
    if (!(p->bandwidth_gb_per_s >= 0) || !(p->tdp_w >= 0)) { snprintf(why, cap, "%s: negative figure", p->name); return 0; }
    if (p->bus_bits && p->mt_per_s > 0) {
        double derived = (double)p->bus_bits / 8.0 * p->mt_per_s / 1000.0;
        if (p->bandwidth_gb_per_s < derived * 0.97 || p->bandwidth_gb_per_s > derived * 1.03) {
            snprintf(why, cap, "%s: %.1f GB/s is not %" PRIu32 " bits x %.0f MT/s = %.1f decimal GB/s", p->name,
                     p->bandwidth_gb_per_s, p->bus_bits, p->mt_per_s, derived);
            return 0;
        }
    }
    for (k = 0; k < HLN_PREC_COUNT; k++)
        if (!(p->peak[k] >= 0)) { snprintf(why, cap, "%s: negative %s peak", p->name, hln_prec_name((hln_prec)k)); return 0; }
    for (k = 0; k < sizeof hln__hw_ladder / sizeof hln__hw_ladder[0]; k++) {
        double lo = p->peak[hln__hw_ladder[k].lo], hi = p->peak[hln__hw_ladder[k].hi];
        if (lo > 0 && hi > 0 && lo > hi * hln__hw_ladder[k].factor) {
            snprintf(why, cap, "%s: %s %.1f is more than %.2fx %s %.1f: a 2:4-sparse figure?", p->name,
                     hln_prec_name(hln__hw_ladder[k].lo), lo, hln__hw_ladder[k].factor, hln_prec_name(hln__hw_ladder[k].hi), hi);
            return 0;
        }
    }
    return 1;
}

HLN_DEF double hln_hw_peak(const hln_hw_profile *p, hln_prec prec) {
    static const hln_prec wider[HLN_PREC_COUNT] = { HLN_PREC_COUNT, HLN_PREC_FP32, HLN_PREC_FP32, HLN_PREC_FP16,
                                                    HLN_PREC_FP16, HLN_PREC_FP16, HLN_PREC_INT8 };
    while ((unsigned)prec < HLN_PREC_COUNT) {
        if (p->peak[prec] > 0) return p->peak[prec];
        prec = wider[prec];
    }
    return 0;
}

/* ---- the --hardware-file format (docs/hardware.md) ---- */
static const char *const hln__hw_number_keys[] = { "bandwidth_gb_per_s", "tdp_w", "bus_bits", "mt_per_s",
                                                   "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4" };

static hln_result hln__hw_file_error(hln_error *err, uint64_t line, uint64_t offset, const char *msg, const char *arg) {
    hln_result r = hln_error_set(err, HLN_ERR_SYNTAX, offset, "", "line %llu: %s%s", (unsigned long long)line, msg, arg);
    snprintf(err->path, sizeof err->path, "line %llu", (unsigned long long)line);
    return r;
}
/* A non-negative finite decimal number: digits, one '.', optional exponent; the whole string.
   Up to 15 significant digits and a decimal exponent within 10^+-22 are one exact multiply or
   divide, so the result is the double nearest the text ("5.7e-6" as the C literal). */
static int hln__parse_number(const char *s, double *out) {
    static const double p10[23] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    double v = 0;
    int digits = 0, sig = 0, exp = 0, esign = 1, e10 = 0;
    if (*s == '+') s++;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (sig < 15) { v = v * 10 + (*s - '0'); if (v > 0) sig++; } else e10++;
    }
    if (*s == '.') for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
        if (sig < 15) { v = v * 10 + (*s - '0'); e10--; if (v > 0) sig++; }
    }
    if (!digits) return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+') esign = *s++ == '-' ? -1 : 1;
        if (!(*s >= '0' && *s <= '9')) return 0;
        for (; *s >= '0' && *s <= '9'; s++) if (exp < 400) exp = exp * 10 + (*s - '0');
    }
    if (*s) return 0;
    e10 += esign * exp;
    if (v == 0) e10 = 0;
    for (; e10 > 22; e10--) v *= 10;
    for (; e10 < -22; e10++) v /= 10;
    v = e10 >= 0 ? v * p10[e10] : v / p10[-e10];
    if (!(v >= 0) || v > 1e300) return 0;
    *out = v;
    return 1;
}

static hln_result hln__hw_set_field(hln_hw_profile *p, char *key, char *val, uint32_t *n_src, hln_error *err, uint64_t line, uint64_t off) {
    uint32_t k;
    double v;
    if (strcmp(key, "label") == 0) { p->label = val; return HLN_OK; }
    if (strcmp(key, "source") == 0) {
        if (*n_src >= HLN_HW_MAX_SOURCES) return hln__hw_file_error(err, line, off, "too many sources (the most is 3)", "");
        p->sources[(*n_src)++] = val;
        return HLN_OK;
    }
    if (strcmp(key, "kind") == 0) {
        for (k = 0; k < HLN_HW_KIND_COUNT; k++) if (strcmp(val, hln_hw_kind_name((hln_hw_kind)k)) == 0) { p->kind = (hln_hw_kind)k; return HLN_OK; }
        return hln__hw_file_error(err, line, off, "kind must be gpu, cpu, soc or mcu, not ", val);
    }
    if (strcmp(key, "memory") == 0) {
        if (!hln_parse_bytes(val, &p->memory_bytes)) return hln__hw_file_error(err, line, off, "bad memory size ", val);
        return HLN_OK;
    }
    for (k = 0; k < sizeof hln__hw_number_keys / sizeof hln__hw_number_keys[0] && strcmp(key, hln__hw_number_keys[k]) != 0; k++) {}
    if (k == sizeof hln__hw_number_keys / sizeof hln__hw_number_keys[0]) return hln__hw_file_error(err, line, off, "unknown key ", key);
    if (!hln__parse_number(val, &v)) return hln__hw_file_error(err, line, off, "not a non-negative number: ", val);
    if (strcmp(key, "bandwidth_gb_per_s") == 0) { p->bandwidth_gb_per_s = v; return HLN_OK; }
    if (strcmp(key, "tdp_w") == 0) { p->tdp_w = v; return HLN_OK; }
    if (strcmp(key, "bus_bits") == 0) {
        if (v != (double)(uint32_t)v || v > 65536) return hln__hw_file_error(err, line, off, "bus_bits must be a whole number <= 65536: ", val);
        p->bus_bits = (uint32_t)v;
        return HLN_OK;
    }
    if (strcmp(key, "mt_per_s") == 0) { p->mt_per_s = v; return HLN_OK; }
    for (k = 0; k < HLN_PREC_COUNT; k++) if (strcmp(key, hln_prec_name((hln_prec)k)) == 0) p->peak[k] = v;
    return HLN_OK;
}

static char *hln__trim(char *s, char *end) {
    while (s < end && (*s == ' ' || *s == '\t')) s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
    *end = 0;
    return s;
}

HLN_DEF hln_result hln_hw_list_load(hln_hw_list *l, const char *text, size_t len, hln_error *err) {
    hln_hw_profile *items;
    char *buf, *p, *end;
    uint32_t n, cur = UINT32_MAX, n_src = 0, added = 0, i;
    uint64_t line = 0;
    hln_result r = HLN_OK;
    if (len > HLN_HW_FILE_MAX_BYTES) return hln_error_set(err, HLN_ERR_RANGE, 0, "", "hardware file larger than %u bytes", HLN_HW_FILE_MAX_BYTES);
    if (!hln_utf8_valid((const uint8_t *)text, len)) return hln_error_set(err, HLN_ERR_SYNTAX, 0, "", "hardware file is not UTF-8 text");
    if (memchr(text, 0, len)) return hln_error_set(err, HLN_ERR_SYNTAX, 0, "", "hardware file holds a NUL byte");
    items = (hln_hw_profile *)HLN_MALLOC((l->n + HLN_HW_FILE_MAX_PROFILES) * sizeof *items);
    buf = (char *)HLN_MALLOC(len + 1);
    if (!items || !buf) { HLN_FREE(items); HLN_FREE(buf); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    memcpy(items, l->items, l->n * sizeof *items);
    n = l->n;
    memcpy(buf, text, len);
    buf[len] = 0;
    for (p = buf; r == HLN_OK && p < buf + len; p = end + 1) {
        char *s, *eq;
        uint64_t off = (uint64_t)(p - buf);
        end = (char *)memchr(p, '\n', (size_t)(buf + len - p));
        if (!end) end = buf + len;
        line++;
        {   /* '#' at the start of a line or after a blank starts a comment */
            char *c;
            for (c = p; c < end; c++)
                if (*c == '#' && (c == p || c[-1] == ' ' || c[-1] == '\t')) { *c = 0; break; }
            s = hln__trim(p, c);
        }
        if (!*s) continue;
        if (*s == '[') {
            size_t nl = strlen(s);
            char *name = s + 1;
            if (s[nl - 1] != ']') { r = hln__hw_file_error(err, line, off, "a section is [name]", ""); break; }
            s[nl - 1] = 0;
            name = hln__trim(name, s + nl - 1);
            for (i = 0; name[i]; i++) name[i] = (char)hln__lower((unsigned char)name[i]);
            for (cur = 0; cur < n && strcmp(items[cur].name, name) != 0; cur++) {}
            if (cur == n) {
                if (added >= HLN_HW_FILE_MAX_PROFILES) { r = hln__hw_file_error(err, line, off, "too many new profiles (HLN_HW_FILE_MAX_PROFILES)", ""); break; }
                memset(&items[n], 0, sizeof items[n]);
                items[n].name = items[n].label = name;
                n++;
                added++;
                n_src = 0;
            } else {
                for (n_src = 0; n_src < HLN_HW_MAX_SOURCES && items[cur].sources[n_src]; n_src++) {}
            }
            {   /* the name must be a valid profile name even before the other fields come */
                char why[160];
                hln_hw_profile probe;
                memset(&probe, 0, sizeof probe);
                probe.name = name;
                probe.sources[0] = "-";
                if (!hln_hw_check(&probe, why, sizeof why)) { r = hln__hw_file_error(err, line, off, why, ""); break; }
            }
            continue;
        }
        if (cur == UINT32_MAX) { r = hln__hw_file_error(err, line, off, "a key before the first [name] section", ""); break; }
        eq = strchr(s, '=');
        if (!eq) { r = hln__hw_file_error(err, line, off, "want key = value", ""); break; }
        *eq = 0;
        r = hln__hw_set_field(&items[cur], hln__trim(s, eq), hln__trim(eq + 1, eq + 1 + strlen(eq + 1)), &n_src, err, line, off);
    }
    for (i = l->n; r == HLN_OK && i < n; i++) {   /* new profiles: every check of the built-in table */
        char why[200];
        if (!hln_hw_check(&items[i], why, sizeof why)) r = hln_error_set(err, HLN_ERR_SYNTAX, 0, "", "%s", why);
    }
    for (i = 0; r == HLN_OK && i < l->n; i++) {
        char why[200];
        if (!hln_hw_check(&items[i], why, sizeof why)) r = hln_error_set(err, HLN_ERR_SYNTAX, 0, "", "%s", why);
    }
    if (r != HLN_OK) { HLN_FREE(items); HLN_FREE(buf); return r; }
    HLN_FREE(l->owned);
    HLN_FREE(l->text);
    l->items = l->owned = items;
    l->text = buf;
    l->n = n;
    return HLN_OK;
}

/* ---- KV-cache types ---- */
static const char *const hln__cache_names[HLN_CACHE_TYPE_COUNT] = { "f16", "f32", "bf16", "q8_0", "q4_0", "u8", "nf4" };
HLN_DEF const char *hln_cache_type_name(hln_cache_type t) { return (unsigned)t < HLN_CACHE_TYPE_COUNT ? hln__cache_names[t] : "?"; }
HLN_DEF int hln_cache_type_parse(const char *s, hln_cache_type *out) {
    uint32_t i;
    for (i = 0; i < HLN_CACHE_TYPE_COUNT; i++) if (hln__ieq(hln__cache_names[i], s)) { *out = (hln_cache_type)i; return 1; }
    return 0;
}
/* Block layouts: q8_0 32 int8 + f16 scale = 34 B per 32 (ggml block_q8_0); q4_0 16 B of
   nibbles + f16 scale = 18 B per 32 (ggml block_q4_0); nf4 32 B of codes + an f32 absmax per
   64 (QLoRA's block of 64, no double quantization) = 36 B per 64; u8: one byte per element and
   an f16 scale + f16 zero point per head of head_dim elements. */
HLN_DEF uint64_t hln_cache_row_bytes(hln_cache_type t, uint64_t width, uint64_t head_dim) {
    uint64_t r = 0;
    switch (t) {
    case HLN_CACHE_F32: return hln_mul_overflow(width, 4, &r) ? 0 : r;
    case HLN_CACHE_F16: case HLN_CACHE_BF16: return hln_mul_overflow(width, 2, &r) ? 0 : r;
    case HLN_CACHE_Q8_0: return hln_mul_overflow((width + 31) / 32, 34, &r) ? 0 : r;
    case HLN_CACHE_Q4_0: return hln_mul_overflow((width + 31) / 32, 18, &r) ? 0 : r;
    case HLN_CACHE_NF4: return hln_mul_overflow((width + 63) / 64, 36, &r) ? 0 : r;
    case HLN_CACHE_U8: {
        uint64_t heads = head_dim ? (width + head_dim - 1) / head_dim : 1;
        return hln_mul_overflow(heads, 4, &r) || hln_add_overflow(r, width, &r) ? 0 : r;
    }
    default: return 0;
    }
}

/* ---- what a deployment needs to know about a model ---- */
/* Architectures whose windowed and global layers alternate (llama.cpp and the Hugging Face
   configs agree): every Nth layer is global. */
static int64_t hln__swa_pattern_of(const char *arch) {
    if (!arch) return -1;
    if (strcmp(arch, "gemma2") == 0) return 2;
    if (strcmp(arch, "gemma3") == 0 || strcmp(arch, "gemma3_text") == 0) return 6;
    return -1;
}
static hln_prec hln__prec_of_dtype(hln_dtype t) {
    switch (t) {
    case HLN_DTYPE_F32: case HLN_DTYPE_F64: return HLN_PREC_FP32;
    case HLN_DTYPE_BF16: return HLN_PREC_BF16;
    case HLN_DTYPE_F8_E4M3: case HLN_DTYPE_F8_E5M2: return HLN_PREC_FP8;
    case HLN_DTYPE_I8: case HLN_DTYPE_U8: return HLN_PREC_INT8;
    default: return HLN_PREC_FP16;   /* F16, and block formats: dequantized to f16 for the matrix products */
    }
}

HLN_DEF hln_result hln_deploy_model_init(const hln_model *m, const hln_graph_summary *g, hln_deploy_model *d) {
    hln_llm l;
    hln_summary s;
    uint32_t i;
    hln_hparams hp;
    memset(d, 0, sizeof *d);
    if (hln_model_llm(m, &l) != HLN_OK || hln_model_summarize(m, &s) != HLN_OK) return HLN_ERR_NOMEM;
    hp = l.hp;
    d->params_total = s.params;
    d->params_active = s.params;
    d->weight_bytes = s.weight_bytes;
    d->prec = s.n_dtypes ? hln__prec_of_dtype(s.dtypes[0].dtype) : HLN_PREC_FP32;
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        const char *rest;
        if (t->flags & (HLN_TENSOR_NESTED | HLN_TENSOR_ATTRIBUTE)) continue;   /* not a main-graph weight */
        if (hln__is_expert_tensor(t)) d->expert_bytes += t->n_bytes;
        if (hln__layer_of(t->name, &rest) >= 0) d->layer_bytes_total += t->n_bytes;
    }
    if (g) {
        d->flops = g->flops;
        d->activation_peak_bytes = g->activation_peak_bytes;
        d->activation_bytes = g->activation_bytes;
    }
    /* a hostile file may claim any layer count: past the cap the per-layer passes would not end */
    if (!l.valid || !l.kv_bytes_per_token_f16 || hp.n_layer > HLN_DEPLOY_MAX_LAYERS) return HLN_OK;
    d->llm = 1;
    d->n_layer = (uint64_t)hp.n_layer;
    d->n_head = hp.n_head > 0 ? (uint64_t)hp.n_head : 0;
    d->n_head_kv = hp.n_head_kv > 0 ? (uint64_t)hp.n_head_kv : 0;
    d->head_dim = hp.head_dim > 0 ? (uint64_t)hp.head_dim : 0;
    d->n_embd = hp.n_embd > 0 ? (uint64_t)hp.n_embd : 0;
    d->n_ff = hp.n_ff > 0 ? (uint64_t)hp.n_ff : 0;
    d->n_vocab = hp.n_vocab > 0 ? (uint64_t)hp.n_vocab : 0;
    d->context_length = hp.context_length > 0 ? (uint64_t)hp.context_length : 0;
    d->params_total = l.params_total;
    d->params_active = l.params_active;
    if (hp.expert_count > 0 && hp.expert_used_count > 0) {
        d->expert_count = (uint64_t)hp.expert_count;
        d->expert_used = (uint64_t)hp.expert_used_count;
    }
    if (hp.kv_lora_rank > 0) {   /* MLA caches the compressed latent and the RoPE key part */
        d->mla = 1;
        d->k_width = (uint64_t)hp.kv_lora_rank + (hp.rope_dim > 0 ? (uint64_t)hp.rope_dim : 0);
        d->v_width = 0;
    } else {
        d->k_width = d->v_width = l.kv_bytes_per_token_f16 / 4 / d->n_layer;
    }
    if (hp.sliding_window > 0) {
        int64_t pattern = hp.swa_pattern > 0 ? hp.swa_pattern : hln__swa_pattern_of(hp.arch);
        d->window = (uint64_t)hp.sliding_window;
        d->n_window_layers = pattern > 0 ? d->n_layer - d->n_layer / (uint64_t)pattern : d->n_layer;
    }
    return HLN_OK;
}

static uint64_t hln__kv_layer_bytes(const hln_deploy_model *d, hln_cache_type t) {
    uint64_t k = hln_cache_row_bytes(t, d->k_width, d->mla ? d->k_width : d->head_dim);
    uint64_t v = d->v_width ? hln_cache_row_bytes(t, d->v_width, d->head_dim) : 0, sum;
    return hln_add_overflow(k, v, &sum) ? 0 : sum;
}
HLN_DEF uint64_t hln_kv_bytes_per_token(const hln_deploy_model *d, hln_cache_type t) {
    uint64_t r;
    return d->llm && !hln_mul_overflow(hln__kv_layer_bytes(d, t), d->n_layer, &r) ? r : 0;
}

/* ---- the planner ---- */
static uint64_t hln__round_up(uint64_t v, uint64_t page) { return page > 1 ? (v + page - 1) / page * page : v; }
static double hln__frac_or(double v, double def) { return v > 0 ? v : v < 0 ? 0 : def; }

/* KV bytes of one sequence at `context` tokens: windowed layers cache at most `window` tokens;
   each layer's cache is allocated in pages of page_tokens. */
static int hln__kv_seq_bytes(const hln_deploy_model *d, hln_cache_type t, uint64_t context, uint64_t page,
                             uint64_t *bytes, uint64_t *waste) {
    uint64_t per = hln__kv_layer_bytes(d, t), full = d->n_layer - d->n_window_layers;
    uint64_t win = d->window && context > d->window ? d->window : context;
    uint64_t a, b, c, e;
    if (hln_mul_overflow(per, hln__round_up(context, page), &a) || hln_mul_overflow(a, full, &a) ||
        hln_mul_overflow(per, hln__round_up(win, page), &b) || hln_mul_overflow(b, d->n_window_layers, &b) ||
        hln_add_overflow(a, b, bytes))
        return 0;
    if (hln_mul_overflow(per, context, &c) || hln_mul_overflow(c, full, &c) ||
        hln_mul_overflow(per, win, &e) || hln_mul_overflow(e, d->n_window_layers, &e) || hln_add_overflow(c, e, &c))
        return 0;
    *waste = *bytes - c;
    return 1;
}

HLN_DEF int hln_plan_memory(const hln_deploy_model *d, const hln_plan_options *o, uint64_t context, uint64_t batch, hln_plan *out) {
    uint64_t page = o->page_tokens ? o->page_tokens : 16, ub = o->ubatch ? o->ubatch : 512, nd = o->n_devices ? o->n_devices : 1;
    uint64_t kv = 0, waste = 0, ws = 0, sum;
    double frac = hln__frac_or(o->overhead_frac, 0.05), over;
    memset(out, 0, sizeof *out);
    if (!batch) batch = 1;
    out->context = context;
    out->batch = batch;
    out->weight_bytes = d->weight_bytes;
    if (d->llm) {
        uint64_t width = 3 * d->n_embd + 2 * d->n_ff + d->n_vocab;   /* f32 activations of the tokens in flight */
        if (!hln__kv_seq_bytes(d, o->kv_type, context, page, &kv, &waste) ||
            hln_mul_overflow(kv, batch, &kv) || hln_mul_overflow(waste, batch, &waste) ||
            hln_mul_overflow(batch > ub ? batch : ub, width, &ws) || hln_mul_overflow(ws, 4, &ws))
            return 0;
    } else if (hln_mul_overflow(d->activation_peak_bytes, batch, &ws)) {
        return 0;
    }
    if (hln_add_overflow(d->weight_bytes, kv, &sum) || hln_add_overflow(sum, ws, &sum)) return 0;
    over = (double)sum * frac + (double)o->overhead_bytes;
    if (over >= 1.8e19) return 0;
    out->kv_bytes = kv;
    out->kv_waste_bytes = waste;
    out->workspace_bytes = ws;
    out->overhead_bytes = (uint64_t)over;
    if (hln_add_overflow(sum, out->overhead_bytes, &out->total_bytes)) return 0;
    /* tensor parallelism splits weights and KV; each device keeps its own workspace and overhead */
    out->per_device_bytes = (d->weight_bytes + kv) / nd + ws + out->overhead_bytes / nd;
    return 1;
}

#define HLN__PLAN_MAX_CONTEXT ((uint64_t)1 << 24)
HLN_DEF uint64_t hln_plan_max_context(const hln_deploy_model *d, const hln_plan_options *o, uint64_t budget, uint64_t batch) {
    uint64_t lo = 0, hi = d->context_length ? d->context_length : HLN__PLAN_MAX_CONTEXT;
    hln_plan p;
    if (!d->llm) return 0;
    if (hln_plan_memory(d, o, hi, batch, &p) && p.per_device_bytes <= budget) return hi;
    while (lo < hi) {   /* largest context that fits: memory grows with context */
        uint64_t mid = lo + (hi - lo + 1) / 2;
        if (hln_plan_memory(d, o, mid, batch, &p) && p.per_device_bytes <= budget) lo = mid; else hi = mid - 1;
    }
    return lo;
}

HLN_DEF uint64_t hln_plan_offload_layers(const hln_deploy_model *d, const hln_plan_options *o, uint64_t budget,
                                         uint64_t context, uint64_t batch) {
    hln_plan p;
    uint64_t per_layer, fixed, n;
    if (!d->llm || !d->n_layer || !hln_plan_memory(d, o, context, batch, &p)) return 0;
    if (p.per_device_bytes <= budget) return d->n_layer;
    /* each offloaded layer brings its weights and its KV; the rest (embeddings, output,
       workspace, overhead) stays on the device as llama.cpp keeps it */
    per_layer = d->layer_bytes_total / d->n_layer + p.kv_bytes / d->n_layer;
    fixed = d->weight_bytes - d->layer_bytes_total + p.workspace_bytes + p.overhead_bytes;
    if (fixed >= budget || !per_layer) return 0;
    n = (budget - fixed) / per_layer;
    return n < d->n_layer ? n : d->n_layer;
}

/* ---- estimates ---- */
HLN_DEF double hln_moe_experts_touched(uint64_t experts, uint64_t used, uint64_t batch) {
    if (!experts || !used) return 0;
    if (used >= experts) return (double)experts;
    {   /* 1 - (1 - used/experts)^batch: the chance an expert is picked by at least one token */
        double miss = 1.0 - (double)used / (double)experts, acc = 1.0;
        uint64_t b = batch ? batch : 1;
        for (; b; b >>= 1, miss *= miss) if (b & 1) acc *= miss;
        return (double)experts * (1.0 - acc);
    }
}

HLN_DEF double hln_tp_allreduce_bytes(const hln_deploy_model *d, double tokens, uint32_t n_devices) {
    double n = (double)n_devices;
    if (n_devices < 2 || !d->llm) return 0;
    return 2.0 * (double)d->n_layer * tokens * (double)d->n_embd * 2.0 * 2.0 * (n - 1) / n;
}

HLN_DEF double hln_tp_allreduce_messages(const hln_deploy_model *d, uint32_t n_devices) {
    if (n_devices < 2 || !d->llm) return 0;
    return 2.0 * (double)d->n_layer * 2.0 * (double)(n_devices - 1);
}

HLN_DEF double hln_tp_allreduce_seconds(const hln_deploy_model *d, const hln_plan_options *o, double tokens) {
    double link = (o->link_gb_per_s > 0 ? o->link_gb_per_s : 31.5) * 1e9, lat = o->link_latency_s > 0 ? o->link_latency_s : 5.7e-6;
    return hln_tp_allreduce_messages(d, o->n_devices) * lat + hln_tp_allreduce_bytes(d, tokens, o->n_devices) / link;
}

/* Attention FLOPs of `q` query tokens each seeing `keys` keys, over every layer (a windowed
   layer sees at most its window): QK^T and AV, 4 * n_head * head_dim per pair. */
static double hln__attn_flops(const hln_deploy_model *d, double q, double keys, double keys_windowed) {
    double per = 4.0 * (double)d->n_head * (double)d->head_dim;
    return per * q * ((double)(d->n_layer - d->n_window_layers) * keys + (double)d->n_window_layers * keys_windowed);
}

HLN_DEF void hln_estimate_run(const hln_deploy_model *d, const hln_hw_profile *hw, const hln_plan_options *o,
                              uint64_t context, uint64_t batch, hln_estimate *e) {
    double bw = hw->bandwidth_gb_per_s * 1e9, peak, em = hln__frac_or(o->efficiency_memory, 0.6);
    double ec = hln__frac_or(o->efficiency_compute, 0.5), weights, t_mem, t_comp;
    uint64_t prompt = o->prompt_tokens ? o->prompt_tokens : 512;
    hln_plan plan;
    memset(e, 0, sizeof *e);
    if (!batch) batch = 1;
    e->hw = hw;
    e->prec = d->prec;
    e->batch = batch;
    e->context = context;
    e->prompt_tokens = d->llm ? prompt : 0;
    e->peak_tflops = peak = hln_hw_peak(hw, d->prec) * 1e12;
    e->ttft_s = e->ttft_s_bound = e->decode_tokens_per_s = e->decode_tokens_per_s_bound = -1;
    e->latency_s = e->latency_s_bound = -1;
    if (em > 1) em = 1;
    if (ec > 1) ec = 1;
    if (hln_plan_memory(d, o, d->llm ? context : 0, batch, &plan)) {
        e->total_bytes = plan.per_device_bytes;
        e->fits = hw->memory_bytes && plan.per_device_bytes <= hw->memory_bytes;
    }
    if (d->llm) {
        /* one decode step: every shared weight once, the experts the batch touches, each
           sequence's KV at its context; tensor parallelism splits both, and the all-reduces
           cross the link (not overlapped with compute) */
        double shared = (double)(d->weight_bytes - d->expert_bytes), kv = 0, win, nd = o->n_devices > 1 ? (double)o->n_devices : 1;
        double touched = d->expert_count ? hln_moe_experts_touched(d->expert_count, d->expert_used, batch) / (double)d->expert_count : 1;
        uint64_t kvb, waste;
        if (hln__kv_seq_bytes(d, o->kv_type, context, 1, &kvb, &waste)) kv = (double)kvb;
        weights = shared + (double)d->expert_bytes * touched;
        e->step_bytes = (weights + kv * (double)batch) / nd;
        win = d->window && (double)context > (double)d->window ? (double)d->window : (double)context;
        e->step_flops = (2.0 * (double)d->params_active * (double)batch + hln__attn_flops(d, (double)batch, (double)context, win)) / nd;
        e->comm_bytes = hln_tp_allreduce_bytes(d, (double)batch, o->n_devices);
        e->comm_s = hln_tp_allreduce_seconds(d, o, (double)batch);
        if (bw > 0) {
            t_mem = e->step_bytes / bw;
            t_comp = peak > 0 ? e->step_flops / peak : 0;
            e->compute_bound = t_comp > t_mem;
            e->latency_s_bound = (t_comp > t_mem ? t_comp : t_mem) + e->comm_s;
            e->latency_s = (t_comp / ec > t_mem / em ? t_comp / ec : t_mem / em) + e->comm_s;
            e->decode_tokens_per_s_bound = (double)batch / e->latency_s_bound;
            e->decode_tokens_per_s = (double)batch / e->latency_s;
        }
        if (peak > 0) {
            /* prefill: 2 x active params per token plus the causal attention term (each token
               sees the ones before it); weights are read at least once */
            double p = (double)prompt, pw = d->window && p > (double)d->window ? (double)d->window : p;
            double flops = (2.0 * (double)d->params_active * p + hln__attn_flops(d, p, p / 2, pw / 2)) / nd;
            double t = flops / peak, tm = bw > 0 ? (double)d->weight_bytes / nd / bw : 0;
            double comm = hln_tp_allreduce_seconds(d, o, p);
            e->ttft_s_bound = (t > tm ? t : tm) + comm;
            e->ttft_s = (t / ec > (bw > 0 ? tm / em : 0) ? t / ec : tm / em) + comm;
        }
        return;
    }
    /* a graph model: one inference of `batch` inputs */
    e->step_flops = (double)d->flops * (double)batch;
    e->step_bytes = (double)d->weight_bytes + (double)d->activation_bytes * (double)batch;
    if (bw > 0 && (peak > 0 || !d->flops)) {
        t_mem = e->step_bytes / bw;
        t_comp = peak > 0 ? e->step_flops / peak : 0;
        e->compute_bound = t_comp > t_mem;
        e->latency_s_bound = t_comp > t_mem ? t_comp : t_mem;
        e->latency_s = t_comp / ec > t_mem / em ? t_comp / ec : t_mem / em;
    }
}

HLN_DEF uint64_t hln_estimate_compute_bound_batch(const hln_deploy_model *d, const hln_hw_profile *hw) {
    /* flops*B/peak >= (W + A*B)/bw  <=>  B >= (W/bw) / (flops/peak - A/bw) */
    double bw = hw->bandwidth_gb_per_s * 1e9, peak = hln_hw_peak(hw, d->prec) * 1e12, per, b;
    if (bw <= 0 || peak <= 0 || !d->flops) return 0;
    per = (double)d->flops / peak - (double)d->activation_bytes / bw;
    if (per <= 0) return 0;
    b = (double)d->weight_bytes / bw / per;
    if (b > 1e12) return 0;
    return b <= 1 ? 1 : (uint64_t)b + ((double)(uint64_t)b < b);
}

/* ---- roofline ---- */
static void hln__roof_set(hln_roof_point *p, double flops, double bytes, double bw, double peak) {
    double tm = bw > 0 ? bytes / bw : 0, tc = peak > 0 ? flops / peak : 0;
    p->flops = flops;
    p->bytes = bytes;
    p->intensity = bytes > 0 ? flops / bytes : 0;
    p->compute_bound = tc > tm;
    p->time_s = tc > tm ? tc : tm;
}

HLN_DEF uint32_t hln_roofline(const hln_model *m, const hln_deploy_model *d, const hln_hw_profile *hw, hln_cache_type kv,
                              uint64_t context, uint64_t batch, hln_roof_point *out, uint32_t cap, double *ridge) {
    double bw = hw->bandwidth_gb_per_s * 1e9, peak = hln_hw_peak(hw, d->prec) * 1e12;
    uint32_t n = 0, i;
    *ridge = bw > 0 && peak > 0 ? peak / bw : 0;
    if (!batch) batch = 1;
    if (m->graph && m->graph->n_nodes) {
        const hln_graph *g = m->graph;
        for (i = 0; i < g->n_nodes; i++, n++) {
            const hln_node *nd = &g->nodes[i];
            double bytes = 0;
            uint64_t largest = 0;
            hln_prec prec = d->prec;
            uint32_t k;
            if (n >= cap) continue;
            for (k = 0; k < nd->n_inputs; k++) {
                const hln_value *v;
                if (nd->inputs[k] < 0 || (uint32_t)nd->inputs[k] >= g->n_values) continue;
                v = &g->values[nd->inputs[k]];
                if (v->tensor >= 0 && (uint32_t)v->tensor < m->n_tensors) {   /* a weight: read once, its dtype sets the roof */
                    const hln_tensor *t = &m->tensors[v->tensor];
                    bytes += (double)t->n_bytes;
                    if (t->n_bytes > largest) { largest = t->n_bytes; prec = hln__prec_of_dtype(t->dtype); }
                } else {
                    bytes += (double)v->bytes * (double)batch;
                }
            }
            for (k = 0; k < nd->n_outputs; k++)
                if (nd->outputs[k] >= 0 && (uint32_t)nd->outputs[k] < g->n_values) bytes += (double)g->values[nd->outputs[k]].bytes * (double)batch;
            out[n].name = nd->name && *nd->name ? nd->name : nd->op_type;
            out[n].index = i;
            out[n].block = 0;
            out[n].prec = prec;
            hln__roof_set(&out[n], (double)nd->flops * (double)batch, bytes, bw, hln_hw_peak(hw, prec) * 1e12);
        }
        return n;
    }
    if (!d->llm) return 0;
    {   /* one decode step per layer: its weights, its KV at `context`, 2 FLOP per weight per token */
        double layer_w = (double)d->layer_bytes_total / (double)d->n_layer;
        double layer_p = (double)(d->params_active > 0 ? d->params_active : d->params_total) / (double)d->n_layer;
        double kv_full = (double)hln__kv_layer_bytes(d, kv), per_pair = 4.0 * (double)d->n_head * (double)d->head_dim;
        uint64_t full_layers = d->n_layer - d->n_window_layers;
        uint64_t pattern = full_layers ? d->n_layer / full_layers : 0;   /* every pattern-th layer is global */
        for (i = 0; i < d->n_layer; i++, n++) {
            int windowed = d->n_window_layers && (!pattern || (i + 1) % pattern != 0);
            double keys = windowed && context > d->window ? (double)d->window : (double)context;
            if (n >= cap) continue;
            out[n].name = NULL;
            out[n].index = i;
            out[n].block = 0;
            out[n].prec = d->prec;
            hln__roof_set(&out[n], 2.0 * layer_p * (double)batch + per_pair * keys * (double)batch,
                          layer_w + kv_full * keys * (double)batch, bw, peak);
        }
    }
    return n;
}

HLN_DEF uint32_t hln_roofline_blocks(const struct hln_analysis *a, const hln_deploy_model *d, const hln_hw_profile *hw,
                                     const hln_roof_point *nodes, uint32_t n_nodes, hln_roof_point *out, uint32_t cap) {
    double bw = hw->bandwidth_gb_per_s * 1e9;
    uint32_t i, n;
    if (!a->node_instance || !a->n_instances) return 0;
    n = a->n_instances < cap ? a->n_instances : cap;
    for (i = 0; i < n; i++) {
        uint32_t b = a->instances[i].block;
        memset(&out[i], 0, sizeof out[i]);
        out[i].name = b < a->n_blocks ? a->blocks[b].name : NULL;
        out[i].index = i;
        out[i].block = 1;
        out[i].prec = d->prec;
    }
    /* node_instance has one entry per top-level node, the points' index; a block computes in the
       precision of its node with the most FLOPs (time_s holds those FLOPs until the roof is set) */
    for (i = 0; i < n_nodes; i++) {
        int32_t inst = nodes[i].block ? -1 : a->node_instance[nodes[i].index];
        if (inst < 0 || (uint32_t)inst >= n) continue;
        out[inst].flops += nodes[i].flops;
        out[inst].bytes += nodes[i].bytes;
        if (nodes[i].flops > out[inst].time_s) { out[inst].time_s = nodes[i].flops; out[inst].prec = nodes[i].prec; }
    }
    for (i = 0; i < n; i++) hln__roof_set(&out[i], out[i].flops, out[i].bytes, bw, hln_hw_peak(hw, out[i].prec) * 1e12);
    return a->n_instances;
}

/* ---- units ---- */
HLN_DEF int hln_parse_bytes(const char *s, uint64_t *out) {
    static const struct { const char *suffix; double mul; } units[] = {
        { "", 1 }, { "b", 1 }, { "kb", 1e3 }, { "mb", 1e6 }, { "gb", 1e9 }, { "tb", 1e12 },
        { "kib", 1024.0 }, { "mib", 1048576.0 }, { "gib", 1073741824.0 }, { "tib", 1099511627776.0 },
        { "k", 1e3 }, { "m", 1e6 }, { "g", 1e9 }, { "t", 1e12 },
    };
    /* Phones: what is left for one app once the OS and resident services have their share
       (docs/deploy.md: 1.2 GB of a 2 GB phone, 1.5 GB of a 4 GB phone are taken). */
    static const struct { const char *name; uint64_t bytes; } presets[] = {
        { "phone-2gb", 800000000u }, { "phone-4gb", 2500000000u },
    };
    char num[64];
    size_t i = 0, k;
    double v;
    for (k = 0; k < sizeof presets / sizeof presets[0]; k++) if (hln__ieq(presets[k].name, s)) { *out = presets[k].bytes; return 1; }
    while (s[i] && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.') && i < sizeof num - 1) { num[i] = s[i]; i++; }
    num[i] = 0;
    if (!i || !hln__parse_number(num, &v)) return 0;
    while (s[i] == ' ') i++;
    for (k = 0; k < sizeof units / sizeof units[0]; k++)
        if (hln__ieq(units[k].suffix, s + i)) {
            double b = v * units[k].mul;
            if (!(b >= 1) || b > 1.8e19) return 0;
            *out = (uint64_t)(b + 0.5);
            return 1;
        }
    return 0;
}

HLN_DEF int hln_parse_seconds(const char *s, double *out) {
    /* the unit joins the number's exponent: "2.5us" is read as "2.5e-6", the double nearest it */
    static const struct { const char *suffix, *exp; } units[] = { { "s", "" }, { "ms", "e-3" }, { "us", "e-6" }, { "ns", "e-9" } };
    char num[72];
    size_t i = 0, k;
    double v;
    while (s[i] && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.') && i < 63) { num[i] = s[i]; i++; }
    num[i] = 0;
    if (!i) return 0;
    for (k = 0; k < sizeof units / sizeof units[0]; k++)
        if (strcmp(units[k].suffix, s + i) == 0) {
            strcpy(num + i, units[k].exp);
            if (!hln__parse_number(num, &v) || !(v > 0)) return 0;
            *out = v;
            return 1;
        }
    return 0;
}

HLN_DEF uint64_t hln_fits_budget(uint32_t i) {
    static const uint32_t gb[HLN_FITS_BUDGETS] = { 2, 4, 8, 12, 16, 24, 32, 48, 80, 141, 192 };
    return i < HLN_FITS_BUDGETS ? (uint64_t)gb[i] * 1000000000u : 0;
}

/* ---- serving compatibility ---- */
/* llama.cpp's architectures: LLM_ARCH_NAMES of src/llama-arch.cpp, ggml-org/llama.cpp @ 00395eb
   (the "clip" placeholder left out). A GGUF whose general.architecture is not here does not load. */
static const char *const hln__llamacpp_archs[] = {
    "llama", "llama4", "deci", "falcon", "grok", "gpt2", "gptj", "gptneox", "mpt", "baichuan", "starcoder",
    "refact", "bert", "modern-bert", "nomic-bert", "nomic-bert-moe", "neo-bert", "jina-bert-v2",
    "jina-bert-v3", "eurobert", "bloom", "stablelm", "qwen", "qwen2", "qwen2moe", "qwen2vl", "qwen3",
    "qwen3moe", "qwen3next", "qwen3vl", "qwen3vlmoe", "qwen35", "qwen35moe", "phi2", "phi3", "phimoe",
    "plamo", "plamo2", "plamo3", "codeshell", "orion", "internlm2", "minicpm", "minicpm3", "gemma",
    "gemma2", "gemma3", "gemma3n", "gemma4", "gemma4-assistant", "gemma-embedding", "starcoder2", "mamba",
    "mamba2", "jamba", "falcon-h1", "xverse", "command-r", "cohere2", "cohere2moe", "dbrx", "olmo",
    "olmo2", "olmoe", "openelm", "arctic", "deepseek", "deepseek2", "deepseek2-ocr", "deepseek32",
    "deepseek4", "chatglm", "glm4", "glm4moe", "glm-dsa", "bitnet", "t5", "t5encoder", "jais", "jais2",
    "nemotron", "nemotron_h", "nemotron_h_moe", "exaone", "exaone4", "exaone-moe", "rwkv6", "rwkv6qwen2",
    "rwkv7", "arwkv7", "granite", "granitemoe", "granitehybrid", "chameleon", "wavtokenizer-dec", "plm",
    "bailingmoe", "bailingmoe2", "dots1", "arcee", "afmoe", "laguna", "ernie4_5", "ernie4_5-moe",
    "hunyuan-moe", "hunyuan-dense", "hunyuan_vl", "hy_v3", "smollm3", "gpt-oss", "lfm2", "lfm2moe",
    "dream", "smallthinker", "llada", "llada-moe", "seed_oss", "grovemoe", "apertus", "minimax-m2",
    "cogvlm", "rnd1", "pangu-embedded", "mistral3", "eagle3", "dflash", "mistral4", "paddleocr", "mimo2",
    "step35", "llama-embed", "maincoder", "kimi-linear", "talkie", "mellum",
};

/* ggml types, the llama.cpp pull request that added each and the first release tag bN holding
   it (docs/deploy.md: ggml-org/llama.cpp PRs, all merged; tags: `git tag --contains` of the
   PR's merge commit in the repository, whose bN tags start at b1046 and whose PR order is the
   tag order for every row here). The legacy and k-quant types predate GGUF (PR #2398;
   k-quants came in PR #1684); b1046 already holds them. */
static const struct { hln_dtype t; int32_t pr, tag; } hln__llamacpp_types[] = {
    { HLN_DTYPE_F32, 0, 1046 }, { HLN_DTYPE_F16, 0, 1046 }, { HLN_DTYPE_Q4_0, 0, 1046 }, { HLN_DTYPE_Q4_1, 0, 1046 },
    { HLN_DTYPE_Q5_0, 0, 1046 }, { HLN_DTYPE_Q5_1, 0, 1046 }, { HLN_DTYPE_Q8_0, 0, 1046 }, { HLN_DTYPE_Q8_1, 0, 1046 },
    { HLN_DTYPE_Q2_K, 0, 1046 }, { HLN_DTYPE_Q3_K, 0, 1046 }, { HLN_DTYPE_Q4_K, 0, 1046 }, { HLN_DTYPE_Q5_K, 0, 1046 },
    { HLN_DTYPE_Q6_K, 0, 1046 }, { HLN_DTYPE_Q8_K, 0, 1046 },
    { HLN_DTYPE_IQ2_XXS, 4773, 1792 }, { HLN_DTYPE_IQ2_XS, 4856, 1827 }, { HLN_DTYPE_IQ3_XXS, 5196, 2015 },
    { HLN_DTYPE_IQ1_S, 5453, 2172 }, { HLN_DTYPE_IQ4_NL, 5590, 2221 }, { HLN_DTYPE_IQ3_S, 5676, 2253 },
    { HLN_DTYPE_IQ2_S, 5721, 2275 }, { HLN_DTYPE_IQ4_XS, 5747, 2281 },
    /* I8, I16, I32 are older than GGUF, but undesignated: each new IQ type moved them, and they
       sit at their ids 24, 25, 26 from IQ4_XS = 23 on (made explicit in PR #6050, b2420) */
    { HLN_DTYPE_I8, 5747, 2281 }, { HLN_DTYPE_I16, 5747, 2281 }, { HLN_DTYPE_I32, 5747, 2281 }, { HLN_DTYPE_I64, 6062, 2434 },
    { HLN_DTYPE_F64, 6062, 2434 }, { HLN_DTYPE_IQ1_M, 6302, 2540 }, { HLN_DTYPE_BF16, 6412, 2808 },
    { HLN_DTYPE_TQ1_0, 8151, 3672 }, { HLN_DTYPE_TQ2_0, 8151, 3672 },
    /* merged after the repository snapshot's last tag (b4747): the first bN tag holding each is
       not known here (docs/deploy.md names the sources that were searched) */
    { HLN_DTYPE_MXFP4, 15091, 0 }, { HLN_DTYPE_NVFP4, 19769, 0 }, { HLN_DTYPE_Q1_0, 21273, 0 }, { HLN_DTYPE_Q2_0, 24448, 0 },
};
HLN_DEF int32_t hln_llamacpp_type_pr(hln_dtype t) {
    size_t k;
    if (t == HLN_DTYPE_I2_S) return -2;   /* bitnet.cpp's fork (docs/kernels.md); 36 is a removed type upstream */
    for (k = 0; k < sizeof hln__llamacpp_types / sizeof hln__llamacpp_types[0]; k++)
        if (hln__llamacpp_types[k].t == t) return hln__llamacpp_types[k].pr;
    return -1;
}
HLN_DEF int32_t hln_llamacpp_type_tag(hln_dtype t) {
    size_t k;
    for (k = 0; k < sizeof hln__llamacpp_types / sizeof hln__llamacpp_types[0]; k++)
        if (hln__llamacpp_types[k].t == t) return hln__llamacpp_types[k].tag;
    return 0;
}

/* ONNX Runtime's compatibility table (docs/reference/compatibility.md, microsoft/onnxruntime @
   109c0ba): the first release implementing each opset and IR version. Opsets below 7 are not run. */
static int hln__ort_first(const int64_t (*rows)[2], size_t n, int64_t v) {
    size_t i;
    for (i = 0; i < n; i++) if (v <= rows[i][0]) return (int)rows[i][1];
    return 0;
}
HLN_DEF int hln_onnxruntime_for_opset(int64_t opset) {
    static const int64_t rows[][2] = { { 8, 1 }, { 9, 3 }, { 10, 4 }, { 11, 100 }, { 12, 103 }, { 13, 106 }, { 14, 108 },
                                       { 15, 109 }, { 16, 111 }, { 17, 112 }, { 18, 114 }, { 19, 115 }, { 20, 117 }, { 21, 118 } };
    return opset < 7 ? -1 : hln__ort_first(rows, sizeof rows / sizeof rows[0], opset);
}
HLN_DEF int hln_onnxruntime_for_ir(int64_t ir_version) {
    static const int64_t rows[][2] = { { 3, 1 }, { 5, 4 }, { 6, 100 }, { 7, 103 }, { 8, 109 }, { 9, 116 }, { 10, 118 } };
    return ir_version < 3 ? -1 : hln__ort_first(rows, sizeof rows / sizeof rows[0], ir_version);
}

/* Architectures HaoLine tabulates for the Hugging Face runtimes: the Hugging Face model_type and
   the GGUF general.architecture (NULL: GGUF files of it say another name, e.g. Mistral is
   "llama"). Every row is in vLLM's registry (vllm/model_executor/models/registry.py @ 0002bff);
   trtllm: 1 when TensorRT-LLM's support matrix lists it (docs/source/reference/support-matrix.md
   @ 03dad62), 0 when it does not. */
static const struct { const char *hf, *gguf; int trtllm; } hln__serving_archs[] = {
    { "llama", "llama", 1 }, { "mistral", NULL, 1 }, { "mixtral", NULL, 1 }, { "qwen2", "qwen2", 1 },
    { "qwen2_moe", "qwen2moe", 0 }, { "qwen3", "qwen3", 0 }, { "qwen3_moe", "qwen3moe", 0 }, { "gemma", "gemma", 1 },
    { "gemma2", "gemma2", 1 }, { "gemma3", "gemma3", 0 }, { "gemma3_text", NULL, 0 }, { "phi", "phi2", 1 },
    { "phi3", "phi3", 1 }, { "falcon", "falcon", 1 }, { "gpt2", "gpt2", 1 }, { "gptj", "gptj", 1 },
    { "gpt_neox", "gptneox", 1 }, { "gpt_bigcode", "starcoder", 1 }, { "starcoder2", "starcoder2", 0 }, { "mpt", "mpt", 1 },
    { "bloom", "bloom", 1 }, { "baichuan", "baichuan", 1 }, { "internlm2", "internlm2", 1 }, { "cohere", "command-r", 0 },
    { "dbrx", "dbrx", 1 }, { "deepseek_v2", "deepseek2", 0 }, { "deepseek_v3", NULL, 0 }, { "gpt_oss", "gpt-oss", 0 },
    { "olmo", "olmo", 0 }, { "mamba", "mamba", 1 }, { "nemotron", "nemotron", 1 }, { "exaone", "exaone", 1 },
    { "granite", "granite", 1 }, { "arctic", "arctic", 1 }, { "chatglm", "chatglm", 1 }, { "stablelm", "stablelm", 0 },
    { "opt", NULL, 1 }, { "jamba", "jamba", 0 },
};

/* ggml types vLLM's GGUF loader runs (UNQUANTIZED_TYPES, STANDARD_QUANT_TYPES, KQUANT_TYPES and
   IMATRIX_QUANT_TYPES of vllm/model_executor/layers/quantization/gguf.py @ 00620f9). */
static int hln__vllm_gguf_type(hln_dtype t) {
    switch (t) {
    case HLN_DTYPE_F32: case HLN_DTYPE_F16: case HLN_DTYPE_BF16:
    case HLN_DTYPE_Q4_0: case HLN_DTYPE_Q4_1: case HLN_DTYPE_Q5_0: case HLN_DTYPE_Q5_1: case HLN_DTYPE_Q8_0: case HLN_DTYPE_Q8_1:
    case HLN_DTYPE_Q2_K: case HLN_DTYPE_Q3_K: case HLN_DTYPE_Q4_K: case HLN_DTYPE_Q5_K: case HLN_DTYPE_Q6_K:
    case HLN_DTYPE_IQ1_M: case HLN_DTYPE_IQ1_S: case HLN_DTYPE_IQ2_XXS: case HLN_DTYPE_IQ2_XS: case HLN_DTYPE_IQ2_S:
    case HLN_DTYPE_IQ3_XXS: case HLN_DTYPE_IQ3_S: case HLN_DTYPE_IQ4_XS: case HLN_DTYPE_IQ4_NL: return 1;
    default: return 0;
    }
}

/* note: a format with up to two %s, filled with a and b */
static void hln__serving_set(hln_serving *s, const char *runtime, int supported, const char *note, const char *a, const char *b) {
    s->runtime = runtime;
    s->supported = supported;
    snprintf(s->note, sizeof s->note, note, a, b ? b : "");
}

/* What a file's tensors are, for the runtimes' precision tables. */
typedef struct hln__serving_types {
    int      seen[HLN_DTYPE_COUNT];
    int      fp8, quantized;           /* F8 tensors; integer-packed or block-quantized ones */
    hln_dtype first_quantized;
} hln__serving_types;
static void hln__serving_types_of(const hln_model *m, hln__serving_types *st) {
    uint32_t i;
    memset(st, 0, sizeof *st);
    for (i = 0; i < m->n_tensors; i++) {
        hln_dtype t = m->tensors[i].dtype;
        if ((uint32_t)t >= HLN_DTYPE_COUNT || st->seen[t]++) continue;
        if (t == HLN_DTYPE_F8_E4M3 || t == HLN_DTYPE_F8_E5M2) st->fp8 = 1;
        else if (t != HLN_DTYPE_F32 && t != HLN_DTYPE_F16 && t != HLN_DTYPE_BF16 && !st->quantized++) st->first_quantized = t;
    }
}

static void hln__serving_llamacpp(const hln_model *m, const hln__serving_types *st, hln_serving *out) {
    const char *arch = m->hp.arch;
    size_t k, n = sizeof hln__llamacpp_archs / sizeof hln__llamacpp_archs[0];
    int32_t need = 0, tag;
    hln_dtype need_type = HLN_DTYPE_F32, unknown = HLN_DTYPE_COUNT;
    uint32_t t;
    for (k = 0; arch && k < n && strcmp(hln__llamacpp_archs[k], arch) != 0; k++) {}
    if (m->format != HLN_FORMAT_GGUF) {
        hln__serving_set(out, "llama.cpp", 0, "%s", "reads GGUF only: convert the model first (llama.cpp's convert_hf_to_gguf.py)", NULL);
        return;
    }
    for (t = 0; t < HLN_DTYPE_COUNT; t++) {
        int32_t pr;
        if (!st->seen[t]) continue;
        pr = hln_llamacpp_type_pr((hln_dtype)t);
        if (pr == -2) {
            hln__serving_set(out, "llama.cpp", 0, "%s is bitnet.cpp's type (its llama.cpp fork), not mainline llama.cpp's: run it with bitnet.cpp",
                             hln_dtype_get((hln_dtype)t)->name, NULL);
            return;
        }
        if (pr == -1 && unknown == HLN_DTYPE_COUNT) unknown = (hln_dtype)t;
        if (pr > need) { need = pr; need_type = (hln_dtype)t; }
    }
    if (!arch) { hln__serving_set(out, "llama.cpp", 0, "%s", "no general.architecture in the file", NULL); return; }
    if (k == n) {
        hln__serving_set(out, "llama.cpp", 0, "architecture '%.60s' is not one llama.cpp knows (src/llama-arch.cpp @ 00395eb)", arch, NULL);
        return;
    }
    tag = need ? hln_llamacpp_type_tag(need_type) : 1046;
    if (need && tag) snprintf(out->min_version, sizeof out->min_version, "llama.cpp >= b%d (PR #%d, %s)", (int)tag, (int)need, hln_dtype_get(need_type)->name);
    else if (need) snprintf(out->min_version, sizeof out->min_version, "a llama.cpp build with PR #%d (%s)", (int)need, hln_dtype_get(need_type)->name);
    else snprintf(out->min_version, sizeof out->min_version, "%s", "llama.cpp >= b1046 (any build that reads GGUF, PR #2398)");
    if (unknown != HLN_DTYPE_COUNT)
        hln__serving_set(out, "llama.cpp", 1, "architecture '%.60s' and every tensor type are known to llama.cpp @ 00395eb; when %s was added is not known here",
                         arch, hln_dtype_get(unknown)->name);
    else if (need && !tag)
        hln__serving_set(out, "llama.cpp", 1, "architecture '%.60s' and every tensor type are known to llama.cpp @ 00395eb; the first release tag with %s is not known here",
                         arch, hln_dtype_get(need_type)->name);
    else hln__serving_set(out, "llama.cpp", 1, "architecture '%.60s' and every tensor type are known to llama.cpp @ 00395eb", arch, NULL);
}

/* vLLM and TensorRT-LLM: Hugging Face checkpoints (and, for vLLM, a single-file GGUF). */
static void hln__serving_hf(const hln_model *m, const hln__serving_types *st, hln_serving *vllm, hln_serving *trt) {
    const char *arch = m->hp.arch, *q = st->quantized ? hln_dtype_get(st->first_quantized)->name : "F8";
    size_t k, n = sizeof hln__serving_archs / sizeof hln__serving_archs[0];
    int gguf = m->format == HLN_FORMAT_GGUF;
    for (k = 0; arch && k < n; k++) {
        const char *name = gguf ? hln__serving_archs[k].gguf : hln__serving_archs[k].hf;
        if (name && strcmp(name, arch) == 0) break;
    }
    if (!gguf && m->format != HLN_FORMAT_SAFETENSORS) {
        hln__serving_set(vllm, "vLLM", 0, "%s", "loads Hugging Face checkpoints (config.json + safetensors) or a single-file GGUF, not this format", NULL);
        hln__serving_set(trt, "TensorRT-LLM", 0, "%s", "builds engines from Hugging Face checkpoints: start from the original checkpoint", NULL);
        return;
    }
    if (gguf) hln__serving_set(trt, "TensorRT-LLM", 0, "%s", "builds engines from Hugging Face checkpoints, not GGUF: start from the original checkpoint", NULL);
    if (!arch || k == n) {
        const char *v = arch ? "architecture '%.60s' is not in HaoLine's vLLM table (docs/deploy.md)" : "%sno architecture in the file (config.json model_type)";
        const char *t = arch ? "architecture '%.60s' is not in HaoLine's TensorRT-LLM table (docs/deploy.md)" : v;
        hln__serving_set(vllm, "vLLM", -1, v, arch ? arch : "", NULL);
        if (!gguf) hln__serving_set(trt, "TensorRT-LLM", -1, t, arch ? arch : "", NULL);
        return;
    }
    if (gguf) {
        uint32_t t;
        for (t = 0; t < HLN_DTYPE_COUNT && (!st->seen[t] || hln__vllm_gguf_type((hln_dtype)t)); t++) {}
        if (m->split_count > 1 || m->n_files > 1)
            hln__serving_set(vllm, "vLLM", 0, "%s", "loads single-file GGUF only: merge the parts first (llama-gguf-split --merge)", NULL);
        else if (t < HLN_DTYPE_COUNT)
            hln__serving_set(vllm, "vLLM", 0, "its GGUF loader does not run %s tensors (quantization/gguf.py @ 00620f9): requantize, or use llama.cpp",
                             hln_dtype_get((hln_dtype)t)->name, NULL);
        else
            hln__serving_set(vllm, "vLLM", 1, "architecture '%.60s' is in vLLM's registry and its GGUF loader runs every tensor type (experimental: docs.vllm.ai, GGUF)", arch, NULL);
        return;
    }
    if (st->quantized || st->fp8)
        hln__serving_set(vllm, "vLLM", -1, "architecture '%.60s' is in vLLM's registry; %s tensors: whether vLLM runs this quantization (config.json quantization_config) is not checked", arch, q);
    else
        hln__serving_set(vllm, "vLLM", 1, "architecture '%.60s' is in vLLM's registry (@ 0002bff); F32/F16/BF16 weights", arch, NULL);
    if (!hln__serving_archs[k].trtllm)
        hln__serving_set(trt, "TensorRT-LLM", -1, "architecture '%.60s' is not listed in TensorRT-LLM's support matrix (@ 03dad62)", arch, NULL);
    else if (st->quantized)
        hln__serving_set(trt, "TensorRT-LLM", -1, "architecture '%.60s' is in TensorRT-LLM's support matrix; %s tensors: the quantization is not checked", arch, q);
    else
        hln__serving_set(trt, "TensorRT-LLM", 1, st->fp8 ? "architecture '%.60s' is in TensorRT-LLM's support matrix (@ 03dad62); FP8 needs Ada (SM89) or Hopper (SM90)"
                                                         : "architecture '%.60s' is in TensorRT-LLM's support matrix (@ 03dad62); Ampere, Ada, Hopper, Blackwell on Linux", arch, NULL);
}

static void hln__ort_version(char *buf, size_t cap, int v) { snprintf(buf, cap, "ONNX Runtime >= %d.%d", v / 100, v % 100); }

static void hln__serving_onnxruntime(const hln_model *m, hln_serving *out) {
    int64_t opset = -1;
    const hln_kv *kv = hln_model_find_kv(m, "onnx.opset");
    uint32_t i;
    int a, b;
    char ops[24], ir[24];
    if (m->format != HLN_FORMAT_ONNX) { hln__serving_set(out, "ONNX Runtime", 0, "%s", "reads ONNX only: export the model to ONNX first", NULL); return; }
    for (i = 0; i < m->n_kv; i++) {   /* operator domains ONNX Runtime implements itself: ai.onnx, ai.onnx.ml, com.microsoft (its contrib ops) */
        const char *key = m->kv[i].key, *dom;
        if (strncmp(key, "onnx.opset_import.", 18) != 0) continue;
        dom = key + 18;
        if (strcmp(dom, "ai.onnx") != 0 && strcmp(dom, "ai.onnx.ml") != 0 && strcmp(dom, "com.microsoft") != 0) {
            hln__serving_set(out, "ONNX Runtime", -1, "operators of domain '%.60s' need a custom-op library", dom, NULL);
            return;
        }
    }
    if (!kv || !hln_kv_as_i64(kv, &opset)) { hln__serving_set(out, "ONNX Runtime", -1, "%s", "no default-domain opset in the file", NULL); return; }
    a = hln_onnxruntime_for_opset(opset);
    b = hln_onnxruntime_for_ir((int64_t)m->version);
    snprintf(ops, sizeof ops, "%lld", (long long)opset);
    snprintf(ir, sizeof ir, "%lld", (long long)m->version);
    if (a < 0) hln__serving_set(out, "ONNX Runtime", 0, "opset %s is older than 7, the oldest ONNX Runtime runs: convert it with onnx.version_converter", ops, NULL);
    else if (!a || !b) hln__serving_set(out, "ONNX Runtime", -1, "opset %s / IR %s is past HaoLine's table (ONNX Runtime 1.20: opset 21, IR 10)", ops, ir);
    else {
        hln__ort_version(out->min_version, sizeof out->min_version, a > b ? a : b);
        hln__serving_set(out, "ONNX Runtime", 1, "opset %s, IR %s (docs/reference/compatibility.md @ 109c0ba); operator coverage per execution provider is not checked", ops, ir);
    }
}

/* Distinct operator names of a graph and the graphs below it that a table lacks, for a note:
   the first HLN__OPNAMES in graph order, the rest counted. */
#define HLN__OPNAMES 16
typedef struct hln__opnames { const char *dom[HLN__OPNAMES], *op[HLN__OPNAMES]; uint32_t n, more; } hln__opnames;
static void hln__opnames_add(hln__opnames *o, const char *dom, const char *op) {
    uint32_t i;
    for (i = 0; i < o->n; i++)
        if (strcmp(o->op[i], op) == 0 && strcmp(o->dom[i], dom) == 0) return;
    if (o->n == HLN__OPNAMES) { o->more = 1; return; }
    o->dom[o->n] = dom;
    o->op[o->n++] = op;
}
/* "Loop, Scan, local.fn::ScaledTanh, ..." (each name cut at 60 bytes), as much as fits in cap. */
static void hln__opnames_list(const hln__opnames *o, char *buf, size_t cap) {
    size_t used = 0;
    uint32_t i;
    buf[0] = 0;
    for (i = 0; i < o->n; i++) {
        char one[136];
        size_t len;
        snprintf(one, sizeof one, "%s%.60s%s%.60s", i ? ", " : "", o->dom[i], o->dom[i][0] ? "::" : "", o->op[i]);
        len = strlen(one);
        if (used + len + 5 >= cap) break;
        memcpy(buf + used, one, len + 1);
        used += len;
    }
    if ((i < o->n || o->more) && used + 5 < cap) memcpy(buf + used, ", ...", 6);
}

/* A sorted table of operator names and one small fact each; lookups by binary search. */
typedef struct hln__op_fact { const char *op; uint8_t v; } hln__op_fact;
static int hln__op_fact_find(const hln__op_fact *t, size_t n, const char *op) {
    size_t lo = 0, hi = n;
    while (op && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t[mid].op, op);
        if (!c) return t[mid].v;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return 0;
}

/* MIL ops and the first iOS whose opset has each: the MIL Ops page of coremltools' API reference
   (docs/source/coremltools.converters.mil.mil.ops.defs.rst, apple/coremltools @ 5dcc230), each op
   at the oldest "(iOS N+)" section listing it; sections without a tag are iOS15 modules. An op
   redefined in a later opset (conv, iOS17) keeps its first. */
static const hln__op_fact hln__mil_ops[] = {
    { "abs", 15 }, { "acos", 15 }, { "add", 15 }, { "affine", 15 }, { "argsort", 15 }, { "asin", 15 }, { "atan", 15 },
    { "atanh", 15 }, { "avg_pool", 15 }, { "band_part", 15 }, { "batch_norm", 15 }, { "batch_to_space", 15 },
    { "cast", 15 }, { "ceil", 15 }, { "clamped_relu", 15 }, { "classify", 15 }, { "clip", 15 }, { "concat", 15 },
    { "cond", 15 }, { "const", 15 }, { "constexpr_affine_dequantize", 16 }, { "constexpr_blockwise_shift_scale", 18 },
    { "constexpr_cast", 16 }, { "constexpr_lut_to_dense", 16 }, { "constexpr_lut_to_sparse", 18 },
    { "constexpr_sparse_blockwise_shift_scale", 18 }, { "constexpr_sparse_to_dense", 16 }, { "conv", 15 },
    { "conv_transpose", 15 }, { "cos", 15 }, { "cosh", 15 }, { "crop", 15 }, { "crop_resize", 15 }, { "cumsum", 15 },
    { "depth_to_space", 15 }, { "dequantize", 17 }, { "einsum", 15 }, { "elu", 15 }, { "equal", 15 }, { "erf", 15 },
    { "exp", 15 }, { "exp2", 15 }, { "expand_dims", 15 }, { "fill", 15 }, { "fill_like", 16 }, { "flatten2d", 15 },
    { "floor", 15 }, { "floor_div", 15 }, { "gather", 15 }, { "gather_along_axis", 15 }, { "gather_nd", 15 },
    { "gelu", 15 }, { "greater", 15 }, { "greater_equal", 15 }, { "gru", 15 }, { "identity", 15 },
    { "instance_norm", 15 }, { "inverse", 15 }, { "l2_norm", 15 }, { "l2_pool", 15 }, { "layer_norm", 15 },
    { "leaky_relu", 15 }, { "less", 15 }, { "less_equal", 15 }, { "linear", 15 }, { "linear_activation", 15 },
    { "list_gather", 15 }, { "list_length", 15 }, { "list_read", 15 }, { "list_scatter", 15 }, { "list_write", 15 },
    { "local_response_norm", 15 }, { "log", 15 }, { "logical_and", 15 }, { "logical_not", 15 }, { "logical_or", 15 },
    { "logical_xor", 15 }, { "lstm", 15 }, { "make_list", 15 }, { "matmul", 15 }, { "max_pool", 15 },
    { "maximum", 15 }, { "minimum", 15 }, { "mod", 15 }, { "mul", 15 }, { "non_maximum_suppression", 15 },
    { "non_zero", 15 }, { "not_equal", 15 }, { "one_hot", 15 }, { "pad", 15 }, { "pixel_shuffle", 15 },
    { "pixel_unshuffle", 16 }, { "pow", 15 }, { "prelu", 15 }, { "quantize", 17 }, { "random_bernoulli", 15 },
    { "random_categorical", 15 }, { "random_normal", 15 }, { "random_uniform", 15 }, { "range_1d", 15 },
    { "read_state", 18 }, { "real_div", 15 }, { "reduce_argmax", 15 }, { "reduce_argmin", 15 },
    { "reduce_l1_norm", 15 }, { "reduce_l2_norm", 15 }, { "reduce_log_sum", 15 }, { "reduce_log_sum_exp", 15 },
    { "reduce_max", 15 }, { "reduce_mean", 15 }, { "reduce_min", 15 }, { "reduce_prod", 15 }, { "reduce_sum", 15 },
    { "reduce_sum_square", 15 }, { "relu", 15 }, { "relu6", 15 }, { "resample", 15 }, { "reshape", 15 },
    { "reshape_like", 16 }, { "resize", 17 }, { "resize_bilinear", 15 }, { "resize_nearest_neighbor", 15 },
    { "reverse", 15 }, { "reverse_sequence", 15 }, { "rnn", 15 }, { "round", 15 }, { "rsqrt", 15 },
    { "scaled_dot_product_attention", 18 }, { "scaled_tanh", 15 }, { "scatter", 15 }, { "scatter_along_axis", 15 },
    { "scatter_nd", 15 }, { "select", 15 }, { "shape", 15 }, { "sigmoid", 15 }, { "sigmoid_hard", 15 },
    { "sign", 15 }, { "silu", 15 }, { "sin", 15 }, { "sinh", 15 }, { "slice_by_index", 15 }, { "slice_by_size", 15 },
    { "slice_update", 18 }, { "sliding_windows", 15 }, { "softmax", 15 }, { "softplus", 15 },
    { "softplus_parametric", 15 }, { "softsign", 15 }, { "space_to_batch", 15 }, { "space_to_depth", 15 },
    { "split", 15 }, { "sqrt", 15 }, { "square", 15 }, { "squeeze", 15 }, { "stack", 15 }, { "sub", 15 },
    { "tan", 15 }, { "tanh", 15 }, { "threshold", 15 }, { "thresholded_relu", 15 }, { "tile", 15 }, { "topk", 15 },
    { "transpose", 15 }, { "upsample_bilinear", 15 }, { "upsample_nearest_neighbor", 15 }, { "while_loop", 15 },
};
HLN_DEF int hln_serving_mil_op_ios(const char *op) { return hln__op_fact_find(hln__mil_ops, sizeof hln__mil_ops / sizeof hln__mil_ops[0], op); }

/* ONNX ops (default domain) with a documented lowering: 1 onnx2tf converts it to TensorFlow/TFLite
   ("Supported layers" of PINTO0309/onnx2tf README.md @ 001faec, heavy check mark), 2 partly (white
   check mark), 4 coremltools' ONNX converter maps it to Core ML layers (_ONNX_NODE_REGISTRY_ND of
   coremltools/converters/onnx/_operators_nd.py, apple/coremltools @ 989ef6b). Sorted by strcmp. */
static const hln__op_fact hln__onnx_lowerings[] = {
    { "Abs", 5 }, { "Acos", 5 }, { "Acosh", 5 }, { "Add", 5 }, { "And", 5 }, { "ArgMax", 5 }, { "ArgMin", 5 },
    { "Asin", 5 }, { "Asinh", 5 }, { "Atan", 5 }, { "Atanh", 5 }, { "AveragePool", 5 }, { "BatchNormalization", 5 },
    { "Bernoulli", 1 }, { "BitShift", 1 }, { "Cast", 5 }, { "Ceil", 5 }, { "Celu", 1 }, { "Clip", 5 },
    { "Col2Im", 2 }, { "Compress", 1 }, { "Concat", 5 }, { "ConcatFromSequence", 1 }, { "Constant", 5 },
    { "ConstantOfShape", 5 }, { "Conv", 5 }, { "ConvInteger", 2 }, { "ConvTranspose", 5 }, { "Cos", 5 },
    { "Cosh", 5 }, { "CumSum", 1 }, { "DepthToSpace", 5 }, { "DequantizeLinear", 1 }, { "Det", 1 }, { "Div", 5 },
    { "Dropout", 1 }, { "DynamicQuantizeLinear", 1 }, { "Einsum", 1 }, { "Elu", 5 }, { "Equal", 5 }, { "Erf", 5 },
    { "Exp", 5 }, { "Expand", 5 }, { "EyeLike", 1 }, { "Flatten", 5 }, { "Floor", 5 }, { "GRU", 5 }, { "Gather", 5 },
    { "GatherElements", 1 }, { "GatherND", 1 }, { "Gelu", 1 }, { "Gemm", 5 }, { "GlobalAveragePool", 5 },
    { "GlobalLpPool", 1 }, { "GlobalMaxPool", 5 }, { "Greater", 5 }, { "GreaterOrEqual", 1 }, { "GridSample", 2 },
    { "HammingWindow", 2 }, { "HannWindow", 2 }, { "HardSigmoid", 5 }, { "HardSwish", 1 }, { "Hardmax", 1 },
    { "Identity", 5 }, { "If", 1 }, { "InstanceNormalization", 5 }, { "Inverse", 1 }, { "IsInf", 1 }, { "IsNaN", 1 },
    { "LRN", 5 }, { "LSTM", 5 }, { "LayerNormalization", 1 }, { "LeakyRelu", 5 }, { "Less", 5 },
    { "LessOrEqual", 1 }, { "Log", 5 }, { "LogSoftmax", 5 }, { "LpNormalization", 1 }, { "MatMul", 5 },
    { "MatMulInteger", 1 }, { "Max", 5 }, { "MaxPool", 5 }, { "MaxUnpool", 1 }, { "Mean", 5 },
    { "MeanVarianceNormalization", 1 }, { "MelWeightMatrix", 1 }, { "Min", 5 }, { "Mish", 1 }, { "Mod", 5 },
    { "Mul", 5 }, { "Multinomial", 1 }, { "Neg", 5 }, { "NonMaxSuppression", 1 }, { "NonZero", 5 }, { "Not", 5 },
    { "OneHot", 1 }, { "OptionalGetElement", 1 }, { "OptionalHasElement", 1 }, { "Or", 5 }, { "PRelu", 5 },
    { "Pad", 5 }, { "Pow", 5 }, { "QLinearConv", 1 }, { "QLinearMatMul", 1 }, { "QuantizeLinear", 1 }, { "RNN", 1 },
    { "RandomNormal", 5 }, { "RandomNormalLike", 5 }, { "RandomUniform", 5 }, { "RandomUniformLike", 5 },
    { "Range", 1 }, { "Reciprocal", 5 }, { "ReduceL1", 5 }, { "ReduceL2", 5 }, { "ReduceLogSum", 5 },
    { "ReduceLogSumExp", 5 }, { "ReduceMax", 5 }, { "ReduceMean", 5 }, { "ReduceMin", 5 }, { "ReduceProd", 5 },
    { "ReduceSum", 5 }, { "ReduceSumSquare", 5 }, { "Relu", 5 }, { "Reshape", 5 }, { "Resize", 5 },
    { "ReverseSequence", 5 }, { "RoiAlign", 5 }, { "Round", 5 }, { "STFT", 2 }, { "Scatter", 5 },
    { "ScatterElements", 1 }, { "ScatterND", 1 }, { "Selu", 5 }, { "SequenceAt", 1 }, { "SequenceConstruct", 1 },
    { "SequenceEmpty", 1 }, { "SequenceErase", 1 }, { "SequenceInsert", 1 }, { "SequenceLength", 1 }, { "Shape", 5 },
    { "Shrink", 1 }, { "Sigmoid", 5 }, { "Sign", 5 }, { "Sin", 1 }, { "Sinh", 1 }, { "Size", 5 }, { "Slice", 5 },
    { "Softmax", 5 }, { "Softplus", 5 }, { "Softsign", 5 }, { "SpaceToDepth", 5 }, { "Split", 5 },
    { "SplitToSequence", 1 }, { "Sqrt", 5 }, { "Squeeze", 5 }, { "StringNormalizer", 2 }, { "Sub", 5 }, { "Sum", 5 },
    { "Tan", 1 }, { "Tanh", 5 }, { "ThresholdedRelu", 5 }, { "Tile", 5 }, { "TopK", 5 }, { "Transpose", 5 },
    { "Trilu", 1 }, { "Unique", 1 }, { "Unsqueeze", 5 }, { "Upsample", 5 }, { "Where", 5 }, { "Xor", 5 },
};
HLN_DEF int hln_serving_onnx_lowering(const char *op) {
    return hln__op_fact_find(hln__onnx_lowerings, sizeof hln__onnx_lowerings / sizeof hln__onnx_lowerings[0], op);
}

/* The ops of g and the graphs below it (If/Loop bodies) without lowering `bit`: every op outside
   the default domain, and default-domain ops the table lacks. Depth-capped. */
static void hln__onnx_unlowered(const hln_graph *g, int bit, uint32_t depth, hln__opnames *o) {
    uint32_t k, a;
    if (!g || depth > 64) return;
    for (k = 0; k < g->n_nodes; k++) {
        const hln_node *n = &g->nodes[k];
        const char *dom = n->domain ? n->domain : "";
        if (n->op_type && (dom[0] || !(hln_serving_onnx_lowering(n->op_type) & bit))) hln__opnames_add(o, dom, n->op_type);
        for (a = 0; a < n->n_attrs; a++)
            if (n->attrs[a].type == HLN_ATTR_GRAPH && n->attrs[a].count) hln__onnx_unlowered(n->attrs[a].graphs[0], bit, depth + 1, o);
    }
}

/* An ONNX file on TFLite: onnx2tf's table; on Core ML: coremltools' ONNX converter, which also
   needs opset <= 10 (coremltools 4.0 docs, "ONNX Conversion"). */
static void hln__serving_onnx_tflite(const hln_model *m, hln_serving *out) {
    hln__opnames o;
    char list[150];
    memset(&o, 0, sizeof o);
    hln__onnx_unlowered(m->graph, 1 | 2, 0, &o);
    hln__opnames_list(&o, list, sizeof list);
    if (o.n) hln__serving_set(out, "TFLite/LiteRT", 0, "reads .tflite only; ops onnx2tf does not convert (its README @ 001faec): %s", list, NULL);
    else hln__serving_set(out, "TFLite/LiteRT", 0, "%s", "reads .tflite only: every op is one onnx2tf converts (its README @ 001faec), so convert it with onnx2tf", NULL);
    out->convertible = o.n == 0;
}
static void hln__serving_onnx_coreml(const hln_model *m, hln_serving *out) {
    const hln_kv *kv = hln_model_find_kv(m, "onnx.opset");
    int64_t opset = -1;
    hln__opnames o;
    char list[150], num[24];
    memset(&o, 0, sizeof o);
    hln__onnx_unlowered(m->graph, 4, 0, &o);
    hln__opnames_list(&o, list, sizeof list);
    if (kv) hln_kv_as_i64(kv, &opset);
    if (opset >= 0) snprintf(num, sizeof num, "%lld", (long long)opset);
    else snprintf(num, sizeof num, "%s", "none");
    out->convertible = !o.n && opset >= 1 && opset <= 10;
    if (o.n) hln__serving_set(out, "Core ML", 0, "reads .mlmodel/.mlpackage only; ops coremltools' ONNX converter does not map (@ 989ef6b): %s", list, NULL);
    else if (!out->convertible)
        hln__serving_set(out, "Core ML", 0, "reads .mlmodel/.mlpackage only; coremltools' ONNX converter maps every op but takes opset <= 10 (this file: %s): "
                         "convert from the PyTorch or TensorFlow source", num, NULL);
    else hln__serving_set(out, "Core ML", 0, "%s", "reads .mlmodel/.mlpackage only: every op is one coremltools' ONNX converter maps (@ 989ef6b, coremltools 4: "
                          "neural-network layers), so convert it with that", NULL);
}

/* An mlProgram's MIL ops (the coreml_type of its nodes) against the MIL ops reference: the newest
   iOS they need, the op that needs it, and the ops the reference does not list. */
static int hln__mil_needs(const hln_graph *g, uint32_t depth, const char **newest, hln__opnames *unknown) {
    uint32_t k, a;
    int need = 15;
    if (!g || depth > 64) return need;
    for (k = 0; k < g->n_nodes; k++) {
        const hln_node *n = &g->nodes[k];
        for (a = 0; a < n->n_attrs; a++) {
            const hln_attr *at = &n->attrs[a];
            if (at->type == HLN_ATTR_STRING && at->s.ptr && strcmp(at->name, "coreml_type") == 0) {
                int ios = hln_serving_mil_op_ios(at->s.ptr);
                if (!ios) hln__opnames_add(unknown, "", at->s.ptr);
                else if (ios > need) { need = ios; *newest = at->s.ptr; }
            } else if (at->type == HLN_ATTR_GRAPH && at->count) {
                const char *nw = NULL;
                int sub = hln__mil_needs(at->graphs[0], depth + 1, &nw, unknown);
                if (sub > need) { need = sub; *newest = nw; }
            }
        }
    }
    return need;
}

/* LiteRT's builtin kernels and the op versions each runs: BuiltinOpResolver of
   tensorflow/lite/core/kernels/register.cc (tensorflow/tensorflow @ ba79eba); an AddBuiltin
   without versions registers version 1 only (MutableOpResolver's defaults, min = max = 1).
   Every name is a BuiltinOperator of specs/tflite/schema.fbs; the schema's builtins missing
   here (CALL, CONCAT_EMBEDDINGS, DELEGATE, most STABLEHLO_*) have no kernel in that resolver. */
static const struct { const char *name; uint8_t min, max; } hln__litert_builtins[] = {
    { "ABS", 1, 5 }, { "HARD_SWISH", 1, 1 }, { "RELU", 1, 3 }, { "RELU_N1_TO_1", 1, 1 },
    { "RELU_0_TO_1", 1, 1 }, { "RELU6", 1, 3 }, { "TANH", 1, 3 }, { "LOGISTIC", 1, 3 },
    { "AVERAGE_POOL_2D", 1, 3 }, { "MAX_POOL_2D", 1, 3 }, { "L2_POOL_2D", 1, 1 }, { "CONV_2D", 1, 8 },
    { "DEPTHWISE_CONV_2D", 1, 7 }, { "SVDF", 1, 4 }, { "RNN", 1, 3 },
    { "BIDIRECTIONAL_SEQUENCE_RNN", 1, 3 }, { "UNIDIRECTIONAL_SEQUENCE_RNN", 1, 3 },
    { "EMBEDDING_LOOKUP", 1, 4 }, { "EMBEDDING_LOOKUP_SPARSE", 1, 1 }, { "FULLY_CONNECTED", 1, 13 },
    { "LSH_PROJECTION", 1, 1 }, { "HASHTABLE_LOOKUP", 1, 1 }, { "SOFTMAX", 1, 3 },
    { "CONCATENATION", 1, 4 }, { "ADD", 1, 5 }, { "SPACE_TO_BATCH_ND", 1, 4 },
    { "BATCH_TO_SPACE_ND", 1, 4 }, { "MUL", 1, 7 }, { "L2_NORMALIZATION", 1, 2 },
    { "LOCAL_RESPONSE_NORMALIZATION", 1, 1 }, { "LSTM", 1, 4 }, { "BIDIRECTIONAL_SEQUENCE_LSTM", 1, 3 },
    { "UNIDIRECTIONAL_SEQUENCE_LSTM", 1, 4 }, { "PAD", 1, 5 }, { "PADV2", 1, 5 }, { "RESHAPE", 1, 1 },
    { "RESIZE_BILINEAR", 1, 4 }, { "RESIZE_NEAREST_NEIGHBOR", 1, 4 }, { "SKIP_GRAM", 1, 1 },
    { "SPACE_TO_DEPTH", 1, 2 }, { "DEPTH_TO_SPACE", 1, 2 }, { "GATHER", 1, 7 }, { "TRANSPOSE", 1, 7 },
    { "MEAN", 1, 3 }, { "DIV", 1, 2 }, { "SUB", 1, 5 }, { "SPLIT", 1, 4 }, { "SPLIT_V", 1, 2 },
    { "SQUEEZE", 1, 2 }, { "STRIDED_SLICE", 1, 8 }, { "EXP", 1, 2 }, { "TOPK_V2", 1, 3 },
    { "LOG", 1, 2 }, { "LOG_SOFTMAX", 1, 2 }, { "CAST", 1, 7 }, { "DEQUANTIZE", 1, 6 },
    { "PRELU", 1, 1 }, { "MAXIMUM", 1, 4 }, { "MINIMUM", 1, 4 }, { "ARG_MAX", 1, 3 },
    { "ARG_MIN", 1, 3 }, { "GREATER", 1, 2 }, { "GREATER_EQUAL", 1, 3 }, { "LESS", 1, 3 },
    { "LESS_EQUAL", 1, 2 }, { "FLOOR", 1, 1 }, { "CEIL", 1, 1 }, { "ROUND", 1, 1 }, { "NEG", 1, 1 },
    { "SELECT", 1, 4 }, { "SELECT_V2", 1, 2 }, { "SLICE", 1, 6 }, { "SIN", 1, 1 }, { "COS", 1, 1 },
    { "TRANSPOSE_CONV", 1, 5 }, { "TILE", 1, 3 }, { "SUM", 1, 2 }, { "REDUCE_PROD", 1, 2 },
    { "REDUCE_MAX", 1, 3 }, { "REDUCE_MIN", 1, 3 }, { "REDUCE_ANY", 1, 1 }, { "REDUCE_ALL", 1, 1 },
    { "EXPAND_DIMS", 1, 1 }, { "SPARSE_TO_DENSE", 1, 3 }, { "EQUAL", 1, 5 }, { "NOT_EQUAL", 1, 4 },
    { "SQRT", 1, 2 }, { "RSQRT", 1, 3 }, { "SHAPE", 1, 1 }, { "RANK", 1, 1 }, { "POW", 1, 1 },
    { "FAKE_QUANT", 1, 2 }, { "PACK", 1, 4 }, { "ONE_HOT", 1, 1 }, { "LOGICAL_OR", 1, 1 },
    { "LOGICAL_AND", 1, 1 }, { "LOGICAL_NOT", 1, 1 }, { "UNPACK", 1, 4 }, { "FLOOR_DIV", 1, 3 },
    { "SQUARE", 1, 1 }, { "ZEROS_LIKE", 1, 1 }, { "FLOOR_MOD", 1, 2 }, { "RANGE", 1, 2 },
    { "LEAKY_RELU", 1, 2 }, { "SQUARED_DIFFERENCE", 1, 2 }, { "FILL", 1, 4 }, { "MIRROR_PAD", 1, 3 },
    { "UNIQUE", 1, 1 }, { "REVERSE_V2", 1, 3 }, { "ADD_N", 1, 1 }, { "GATHER_ND", 1, 5 },
    { "WHERE", 1, 2 }, { "ELU", 1, 1 }, { "REVERSE_SEQUENCE", 1, 1 }, { "MATRIX_DIAG", 1, 1 },
    { "QUANTIZE", 1, 4 }, { "MATRIX_SET_DIAG", 1, 1 }, { "IF", 1, 1 }, { "WHILE", 1, 1 },
    { "NON_MAX_SUPPRESSION_V4", 1, 1 }, { "NON_MAX_SUPPRESSION_V5", 1, 1 }, { "SCATTER_ND", 1, 1 },
    { "DENSIFY", 1, 1 }, { "SEGMENT_SUM", 1, 1 }, { "BATCH_MATMUL", 1, 4 }, { "CUMSUM", 1, 1 },
    { "BROADCAST_TO", 2, 3 }, { "CALL_ONCE", 1, 1 }, { "RFFT2D", 1, 1 }, { "CONV_3D", 1, 1 },
    { "IMAG", 1, 1 }, { "REAL", 1, 1 }, { "COMPLEX_ABS", 1, 1 }, { "BROADCAST_ARGS", 1, 1 },
    { "HASHTABLE", 1, 1 }, { "HASHTABLE_FIND", 1, 1 }, { "HASHTABLE_IMPORT", 1, 1 },
    { "HASHTABLE_SIZE", 1, 1 }, { "CONV_3D_TRANSPOSE", 1, 1 }, { "VAR_HANDLE", 1, 1 },
    { "READ_VARIABLE", 1, 1 }, { "ASSIGN_VARIABLE", 1, 1 }, { "MULTINOMIAL", 1, 1 },
    { "RANDOM_STANDARD_NORMAL", 1, 1 }, { "BUCKETIZE", 1, 1 }, { "RANDOM_UNIFORM", 1, 1 },
    { "GELU", 1, 2 }, { "DYNAMIC_UPDATE_SLICE", 1, 4 }, { "UNSORTED_SEGMENT_PROD", 1, 1 },
    { "UNSORTED_SEGMENT_MAX", 1, 1 }, { "UNSORTED_SEGMENT_MIN", 1, 1 },
    { "UNSORTED_SEGMENT_SUM", 1, 1 }, { "ATAN2", 1, 1 }, { "SIGN", 1, 2 }, { "BITCAST", 1, 1 },
    { "BITWISE_XOR", 1, 1 }, { "RIGHT_SHIFT", 1, 1 }, { "STABLEHLO_SCATTER", 1, 1 }, { "DILATE", 1, 1 },
    { "STABLEHLO_RNG_BIT_GENERATOR", 1, 1 }, { "REDUCE_WINDOW", 1, 1 },
    { "STABLEHLO_REDUCE_WINDOW", 1, 1 }, { "STABLEHLO_GATHER", 1, 1 }, { "STABLEHLO_ADD", 1, 1 },
    { "STABLEHLO_AND", 1, 1 }, { "STABLEHLO_MULTIPLY", 1, 1 }, { "STABLEHLO_MAXIMUM", 1, 1 },
    { "STABLEHLO_MINIMUM", 1, 1 }, { "STABLEHLO_SHIFT_LEFT", 1, 1 }, { "STABLEHLO_PAD", 1, 1 },
    { "STABLEHLO_COMPOSITE", 1, 1 }, { "STABLEHLO_CASE", 1, 1 },
};
/* The custom ops the same resolver registers (AddCustom in register.cc @ ba79eba). */
static const char *const hln__litert_customs[] = { "NumericVerify", "Mfcc", "AudioSpectrogram", "TFLite_Detection_PostProcess", "aeq.hadamard_rotation" };

/* An operator code LiteRT's resolver does not run, and how the graphs use it: 0 no operator
   does, 1 a builtin one, 2 a custom one (domain "tflite.custom"). */
#define HLN__TFL_CANDIDATES 16
typedef struct hln__tfl_block { const char *name; size_t len; char why[112]; int use, version; } hln__tfl_block;

/* One walk over g and the graphs reached through its attributes (TFLite subgraphs; the reader
   bounds their expansion), marking how each candidate is used; depth-capped. */
static void hln__tflite_uses(const hln_graph *g, hln__tfl_block *c, uint32_t n_c, uint32_t depth) {
    uint32_t k, a, j;
    if (!g || depth > 64) return;
    for (k = 0; k < g->n_nodes; k++) {
        const hln_node *n = &g->nodes[k];
        size_t len = n->op_type ? strlen(n->op_type) : 0;
        for (j = 0; j < n_c && n->op_type; j++)
            if (c[j].use < 2 && len == c[j].len && memcmp(n->op_type, c[j].name, len) == 0)
                c[j].use = n->domain && strcmp(n->domain, "tflite.custom") == 0 ? 2 : 1;
        for (a = 0; a < n->n_attrs; a++)
            if (n->attrs[a].type == HLN_ATTR_GRAPH && n->attrs[a].count) hln__tflite_uses(n->attrs[a].graphs[0], c, n_c, depth + 1);
    }
}

/* A .tflite file: every operator code an operator uses must be a builtin LiteRT registers at
   that version, or one of its registered custom ops (codes no operator uses do not count; past
   HLN__TFL_CANDIDATES codes that fail, the rest count without that check). The note names the
   codes that block, as many as fit. */
static void hln__serving_tflite(const hln_model *m, hln_serving *out) {
    const hln_kv *names = hln_model_find_kv(m, "tflite.operator_codes"), *vers = hln_model_find_kv(m, "tflite.operator_versions");
    const hln_kv *minrt = hln_model_find_kv(m, "tflite.metadata.min_runtime_version");
    hln__tfl_block cand[HLN__TFL_CANDIDATES];
    hln_kv_iter in, iv;
    hln_kv n, v;
    char blocked[141];
    size_t used = 0, k;
    uint32_t n_cand = 0, j, n_blocked = 0, unchecked = 0;
    if (m->format == HLN_FORMAT_ONNX) { hln__serving_onnx_tflite(m, out); return; }
    if (m->format != HLN_FORMAT_TFLITE) { hln__serving_set(out, "TFLite/LiteRT", 0, "%s", "reads .tflite only: convert the model first", NULL); return; }
    if (!names || names->type != HLN_KV_ARRAY || !vers || vers->type != HLN_KV_ARRAY || names->v.a.count != vers->v.a.count) {
        hln__serving_set(out, "TFLite/LiteRT", -1, "%s", "the file's operator codes were not read", NULL);
        return;
    }
    hln_kv_iter_init(&in, &names->v.a);
    hln_kv_iter_init(&iv, &vers->v.a);
    while (hln_kv_iter_next(&in, &n) && hln_kv_iter_next(&iv, &v)) {
        int64_t ver = 1;
        int ok = 0, known = 0, len = n.v.s.len < 80 ? (int)n.v.s.len : 80;
        char why[112];
        hln_kv_as_i64(&v, &ver);
        why[0] = 0;
        for (k = 0; k < sizeof hln__litert_builtins / sizeof hln__litert_builtins[0]; k++)
            if (strlen(hln__litert_builtins[k].name) == n.v.s.len && memcmp(hln__litert_builtins[k].name, n.v.s.ptr, (size_t)n.v.s.len) == 0) {
                known = 1;
                ok = ver >= hln__litert_builtins[k].min && ver <= hln__litert_builtins[k].max;
                if (!ok) snprintf(why, sizeof why, "%s v%lld (runs v%d-%d)", hln__litert_builtins[k].name, (long long)ver,
                                  hln__litert_builtins[k].min, hln__litert_builtins[k].max);
                break;
            }
        for (k = 0; !known && k < sizeof hln__litert_customs / sizeof hln__litert_customs[0]; k++)
            if (strlen(hln__litert_customs[k]) == n.v.s.len && memcmp(hln__litert_customs[k], n.v.s.ptr, (size_t)n.v.s.len) == 0) known = ok = 1;
        if (ok) continue;
        if (n_cand == HLN__TFL_CANDIDATES) { unchecked++; continue; }
        if (!known) snprintf(why, sizeof why, "%.*s", len, n.v.s.ptr);
        cand[n_cand].name = n.v.s.ptr;
        cand[n_cand].len = (size_t)n.v.s.len;
        cand[n_cand].use = 0;
        cand[n_cand].version = known;   /* 1: a builtin at a version LiteRT lacks (why says so) */
        memcpy(cand[n_cand].why, why, sizeof why);
        n_cand++;
    }
    hln__tflite_uses(m->graph, cand, n_cand, 0);
    blocked[0] = 0;
    for (j = 0; j < n_cand; j++) {
        hln__tfl_block *c = &cand[j];
        size_t len;
        if (!c->use) continue;
        if (!c->version) {
            len = strlen(c->why);
            snprintf(c->why + len, sizeof c->why - len, "%s", c->use == 2 ? " (custom)" : " (no builtin kernel)");
        }
        len = strlen(c->why);
        if (used + 2 + len + 5 < sizeof blocked) {
            snprintf(blocked + used, sizeof blocked - used, "%s%s", n_blocked ? ", " : "", c->why);
            used = strlen(blocked);
        } else if (!strstr(blocked, ", ...")) {
            snprintf(blocked + used, sizeof blocked - used, "%s", ", ...");
            used = strlen(blocked);
        }
        n_blocked++;
    }
    if (unchecked && n_blocked && !strstr(blocked, ", ...") && used + 6 < sizeof blocked) snprintf(blocked + used, sizeof blocked - used, "%s", ", ...");
    if (n_blocked || unchecked) {
        hln__serving_set(out, "TFLite/LiteRT", 0, "ops LiteRT's builtin resolver does not run (register.cc @ ba79eba): %.140s; "
                         "register their kernels or re-convert", n_blocked ? blocked : "more than 16 operator codes", NULL);
        return;
    }
    if (minrt && minrt->type == HLN_KV_STRING && minrt->v.s.len && minrt->v.s.len <= 20)
        snprintf(out->min_version, sizeof out->min_version, "TFLite >= %.20s (the file's min_runtime_version)", minrt->v.s.ptr);
    hln__serving_set(out, "TFLite/LiteRT", 1, "%s", "every operator is a builtin (or custom op) LiteRT's builtin resolver runs at its version (register.cc @ ba79eba)", NULL);
}

/* Core ML: the OS that first reads each specification version (Model.proto's table, specs/coreml). */
static const char *hln__coreml_os(int64_t spec) {
    static const char *const os[] = { "iOS 11, macOS 10.13 (Core ML 1)", "iOS 11.2, macOS 10.13.2 (Core ML 1.2)", "iOS 12, macOS 10.14 (Core ML 2)",
                                      "iOS 13, macOS 10.15 (Core ML 3)", "iOS 14, macOS 11 (Core ML 4)", "iOS 15, macOS 12 (Core ML 5)",
                                      "iOS 16, macOS 13 (Core ML 6)", "iOS 17, macOS 14 (Core ML 7)", "iOS 18, macOS 15 (Core ML 8)",
                                      "iOS 26, macOS 26 (Core ML 9)" };
    return spec >= 1 && spec <= (int64_t)(sizeof os / sizeof os[0]) ? os[spec - 1] : NULL;
}

/* The first custom layer (NeuralNetwork.proto CustomLayerParams, coreml_type "custom") or custom
   model (Model.proto CustomModel) of g and the graphs below it. */
static const hln_node *hln__coreml_custom(const hln_graph *g, uint32_t depth, const char **kind) {
    uint32_t k, a;
    if (!g || depth > 64) return NULL;
    for (k = 0; k < g->n_nodes; k++) {
        const hln_node *n = &g->nodes[k], *c;
        for (a = 0; a < n->n_attrs; a++) {
            const hln_attr *at = &n->attrs[a];
            if (at->type == HLN_ATTR_STRING && strcmp(at->name, "coreml_type") == 0 && at->s.ptr &&
                (strcmp(at->s.ptr, "custom") == 0 || strcmp(at->s.ptr, "customModel") == 0)) {
                *kind = at->s.ptr[6] ? "model" : "layer";
                return n;
            }
            if (at->type == HLN_ATTR_GRAPH && at->count && (c = hln__coreml_custom(at->graphs[0], depth + 1, kind)) != NULL) return c;
        }
    }
    return NULL;
}

static void hln__serving_coreml(const hln_model *m, hln_serving *out) {
    const hln_kv *kv = hln_model_find_kv(m, "coreml.specification_version"), *type = hln_model_find_kv(m, "coreml.model_type");
    const hln_node *custom;
    const char *os, *kind = "";
    int64_t spec = 0;
    char num[24];
    if (m->format == HLN_FORMAT_ONNX) { hln__serving_onnx_coreml(m, out); return; }
    if (m->format != HLN_FORMAT_COREML) {
        /* coremltools converts from PyTorch and TensorFlow (>= 4.0) */
        hln__serving_set(out, "Core ML", 0, "%s", "reads .mlmodel/.mlpackage only: convert from the PyTorch or TensorFlow source with coremltools", NULL);
        return;
    }
    if (kv && kv->type == HLN_KV_STRING && kv->v.s.ptr) {
        const char *c = kv->v.s.ptr;
        for (; *c >= '0' && *c <= '9' && spec < 1000000; c++) spec = spec * 10 + (*c - '0');
    }
    snprintf(num, sizeof num, "%lld", (long long)spec);
    if (!(os = hln__coreml_os(spec))) {
        hln__serving_set(out, "Core ML", -1, "specification version %s is past HaoLine's table (Model.proto: 1 to 10)", num, NULL);
        return;
    }
    snprintf(out->min_version, sizeof out->min_version, "%s", os);
    if ((custom = hln__coreml_custom(m->graph, 0, &kind)) != NULL) {
        hln__serving_set(out, "Core ML", 0, "'%.60s' is a custom %s: Core ML runs it only with the app's implementation of it (MLCustomLayer / MLCustomModel)",
                         custom->name ? custom->name : "", kind);
        return;
    }
    if (type && type->type == HLN_KV_STRING && type->v.s.ptr && strcmp(type->v.s.ptr, "mlProgram") == 0) {
        const char *newest = "";
        hln__opnames unknown;
        char list[150];
        int need;
        memset(&unknown, 0, sizeof unknown);
        need = hln__mil_needs(m->graph, 0, &newest, &unknown);
        if (unknown.n) {
            hln__opnames_list(&unknown, list, sizeof list);
            hln__serving_set(out, "Core ML", 0, "ops not in coremltools' MIL ops reference (@ 5dcc230): %s", list, NULL);
            return;
        }
        out->runtime = "Core ML";
        if (need > (spec >= 10 ? 26 : (int)spec + 9)) {   /* spec 6 is iOS 15, ..., 9 iOS 18, 10 iOS 26 */
            out->supported = 0;
            snprintf(out->note, sizeof out->note, "op '%.60s' needs iOS %d (coremltools' MIL ops reference @ 5dcc230), newer than specification "
                     "version %s (%s): re-convert with a newer minimum_deployment_target", newest, need, num, os);
            snprintf(out->min_version, sizeof out->min_version, "%s", hln__coreml_os(need - 9));
            return;
        }
        snprintf(out->note, sizeof out->note, "specification version %s (Model.proto); its MIL ops need iOS %d (coremltools' MIL ops reference @ 5dcc230)%s%.60s",
                 num, need, need > 15 ? ": " : "", need > 15 ? newest : "");
        out->supported = 1;
        return;
    }
    hln__serving_set(out, "Core ML", 1, "specification version %s (Model.proto); every layer a NeuralNetwork.proto type, none custom", num, NULL);
}

HLN_DEF void hln_serving_check(const hln_model *m, hln_serving out[HLN_SERVING_RUNTIMES]) {
    hln__serving_types st;
    uint32_t i;
    memset(out, 0, sizeof(hln_serving) * HLN_SERVING_RUNTIMES);
    for (i = 0; i < HLN_SERVING_RUNTIMES; i++) out[i].convertible = -1;
    hln__serving_types_of(m, &st);
    hln__serving_llamacpp(m, &st, &out[0]);
    hln__serving_hf(m, &st, &out[1], &out[2]);
    hln__serving_onnxruntime(m, &out[3]);
    hln__serving_tflite(m, &out[4]);
    hln__serving_coreml(m, &out[5]);
}

/* ---- analysis: weight values ---- */
#ifdef HAOLINE_KERNELS_H
#define HLN__CHUNK 4096   /* elements per streamed chunk; a multiple of every block size */

/* Decodes n elements (whole blocks) of tensor t from p, their bytes; i2s_scale: the one scale
   of an I2_S tensor (its blocks hold trits). */
static hln_result hln__decode_at(const hln_tensor *t, const uint8_t *p, uint64_t n, float i2s_scale, float *out, hln_error *err) {
    const hln_dtype_info *d = hln_dtype_get(t->dtype);
    uint64_t i;
    if (d->ggml_id >= 0 && d->kind != HLN_KIND_INT && hln_k_traits((hln_k_type)d->ggml_id)) {
        if (hln_k_dequantize((hln_k_type)d->ggml_id, p, out, (int64_t)n) != HLN_K_OK)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "cannot decode %s", d->name);
        if (t->dtype == HLN_DTYPE_I2_S) for (i = 0; i < n; i++) out[i] *= i2s_scale;
        return HLN_OK;
    }
    for (i = 0; i < n; i++) {
        const uint8_t *e = p + i * d->type_size;
        uint64_t u = 0;
        unsigned b;
        for (b = 0; b < d->type_size && b < 8; b++) u |= (uint64_t)e[b] << (8 * b);
        switch (t->dtype) {
        case HLN_DTYPE_F64: { double v; memcpy(&v, &u, 8); out[i] = (float)v; break; }
        case HLN_DTYPE_I8:  out[i] = (float)(int8_t)u; break;
        case HLN_DTYPE_I16: out[i] = (float)(int16_t)u; break;
        case HLN_DTYPE_I32: out[i] = (float)(int32_t)u; break;
        case HLN_DTYPE_I64: out[i] = (float)(int64_t)u; break;
        case HLN_DTYPE_U8: case HLN_DTYPE_U16: case HLN_DTYPE_U32: case HLN_DTYPE_U64: case HLN_DTYPE_BOOL:
            out[i] = (float)u; break;
        case HLN_DTYPE_F8_E4M3: out[i] = hln_k_fp8_e4m3_to_fp32((uint8_t)u); break;
        case HLN_DTYPE_F8_E5M2: out[i] = hln_k_fp8_e5m2_to_fp32((uint8_t)u); break;
        default:
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "no decoder for %s", d->name);
        }
    }
    return HLN_OK;
}
static hln_result hln__bytes_readable(const hln_model *m, const hln_tensor *t, hln_error *err) {
    if (!t->data) return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "tensor bytes are not in memory");
    if (m->big_endian) return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "big-endian tensor data");
    return HLN_OK;
}

/* Decodes elements [first, first + n) of tensor t into out through its view; n and first are
   whole blocks (random access, for conversion). */
static hln_result hln__tensor_decode(const hln_model *m, const hln_tensor *t, uint64_t first, uint64_t n,
                                     float *out, hln_error *err) {
    const hln_dtype_info *d = hln_dtype_get(t->dtype);
    const uint8_t *p = (const uint8_t *)t->data;
    hln_result r;
    if ((r = hln__bytes_readable(m, t, err)) != HLN_OK) return r;
    /* a file truncated while mapped: an error, not SIGBUS (checked as each tensor starts) */
    if (first == 0 && (r = hln_model_file_check(m, t->file, t->file_offset + t->n_bytes, err)) != HLN_OK) return r;
    return hln__decode_at(t, p + first / d->block_size * d->type_size, n,
                          t->dtype == HLN_DTYPE_I2_S ? hln_k_i2s_scale(p, (int64_t)t->n_elements) : 1.0f, out, err);
}

/* ---- one tensor's bytes, read front to back in windows through hln_file_reader: never through
   a mapping the platform made, so a file truncated during the read is HLN_ERR_IO, not SIGBUS;
   bytes a caller keeps in memory are used where they are. One reader per model file, kept
   while consecutive tensors come from the same file. ---- */
#define HLN__WINDOW ((uint64_t)1 << 20)   /* bytes read at a time; more than any decode chunk */
typedef struct hln__tread {
    const hln_model  *m;
    const hln_tensor *t;
    hln_file_reader   rd;        /* rd.m NULL: not open */
    uint8_t          *buf;       /* HLN__WINDOW bytes once needed */
    uint64_t          lo, n;     /* tensor bytes [lo, lo + n) are in buf */
    uint64_t          at0;       /* file position of the tensor's first byte */
    int               direct;    /* 1: read the view (memory that stays) */
    float             i2s_scale;
} hln__tread;

/* Where the bytes of t's view lie in the file reader rd reads: 1 and *pos when they are inside
   that file's bytes (a mapping: read them from the file at *pos); 0 when the view is memory of
   its own (a reader's decoded copy, a caller's buffer) or the file stays in memory. */
static int hln__view_in_file(const hln_model *m, const hln_tensor *t, const hln_file_reader *rd, uint64_t *pos) {
    const hln_file *f;
    uintptr_t p = (uintptr_t)t->data, b;
    if (rd->in_memory || t->file >= m->n_files) return 0;
    f = &m->files[t->file];
    b = (uintptr_t)f->data;
    if (!f->data || p < b || (uint64_t)(p - b) > f->size || t->n_bytes > f->size - (uint64_t)(p - b)) return 0;
    *pos = (uint64_t)(p - b);
    return 1;
}

static void hln__tread_init(hln__tread *r, const hln_model *m) {
    memset(r, 0, sizeof *r);
    r->m = m;
    r->rd.fd = -1;
}
static void hln__tread_free(hln__tread *r) {
    if (r->rd.m) hln_file_reader_close(&r->rd);
    hln_allocator_free(&r->m->arena.allocator, r->buf);
    r->buf = NULL;
}
/* Bytes [at, at + len) of the tensor (len <= HLN__WINDOW): a pointer valid until the next call. */
static hln_result hln__tread_bytes(hln__tread *r, uint64_t at, uint64_t len, const uint8_t **p, hln_error *err) {
    const hln_tensor *t = r->t;
    hln_result res;
    if (at > t->n_bytes || len > t->n_bytes - at) return hln_error_set(err, HLN_ERR_ARG, t->file_offset, t->name, "read past the tensor");
    if (r->direct) { *p = (const uint8_t *)t->data + at; return HLN_OK; }
    if (at < r->lo || at + len > r->lo + r->n) {
        uint64_t n = t->n_bytes - at < HLN__WINDOW ? t->n_bytes - at : HLN__WINDOW;
        if (len > HLN__WINDOW) return hln_error_set(err, HLN_ERR_LIMIT, t->file_offset, t->name, "read larger than the window");
        if (!r->buf && !(r->buf = (uint8_t *)hln_allocator_alloc(&r->m->arena.allocator, (size_t)HLN__WINDOW)))
            return hln_error_set(err, HLN_ERR_NOMEM, 0, t->name, "out of memory");
        r->n = 0;
        if ((res = hln_file_reader_read(&r->rd, r->at0 + at, r->buf, (size_t)n, err)) != HLN_OK) return res;
        r->lo = at;
        r->n = n;
    }
    *p = r->buf + (at - r->lo);
    return HLN_OK;
}
/* Makes t the tensor read next. */
static hln_result hln__tread_set(hln__tread *r, const hln_tensor *t, hln_error *err) {
    const hln_model *m = r->m;
    hln_result res;
    uint64_t need;
    int ok;
    if ((res = hln__bytes_readable(m, t, err)) != HLN_OK) return res;
    need = hln_dtype_nbytes(t->dtype, t->n_elements, &ok);
    if (ok && need > t->n_bytes)   /* a sparse or compressed encoding (TFLite, ONNX sparse initializers) */
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "%llu bytes, fewer than the %llu its dims need: an encoding HaoLine does not decode",
                             (unsigned long long)t->n_bytes, (unsigned long long)need);
    if (r->rd.m && r->rd.file != t->file) hln_file_reader_close(&r->rd);
    if (!r->rd.m && (res = hln_file_reader_open(&r->rd, m, t->file, err)) != HLN_OK) return res;
    r->direct = !hln__view_in_file(m, t, &r->rd, &r->at0);
    r->t = t;
    r->lo = r->n = 0;
    r->i2s_scale = 1.0f;
    if (t->dtype == HLN_DTYPE_I2_S) {
        const uint8_t *p;   /* the float after the blocks, at byte n / 4 (hln_k_i2s_scale) */
        uint32_t u;
        if ((res = hln__tread_bytes(r, t->n_elements / 4, 4, &p, err)) != HLN_OK) return res;
        u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        memcpy(&r->i2s_scale, &u, 4);
    }
    return HLN_OK;
}
/* Elements [first, first + n) of the current tensor (whole blocks, front to back). */
static hln_result hln__tread_decode(hln__tread *r, uint64_t first, uint64_t n, float *out, hln_error *err) {
    const hln_dtype_info *d = hln_dtype_get(r->t->dtype);
    const uint8_t *p;
    hln_result res = hln__tread_bytes(r, first / d->block_size * d->type_size, n / d->block_size * d->type_size, &p, err);
    return res != HLN_OK ? res : hln__decode_at(r->t, p, n, r->i2s_scale, out, err);
}

/* Calls visit(user, values, n) for each chunk of the tensor. */
static hln_result hln__tensor_stream(const hln_model *m, uint32_t tensor, void (*visit)(void *, const float *, int64_t),
                                     void *user, hln_error *err) {
    const hln_tensor *t;
    float *buf;
    uint64_t pos = 0;
    hln__tread rd;
    hln_result r = HLN_OK;
    if (tensor >= m->n_tensors) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no tensor %" PRIu32, tensor);
    t = &m->tensors[tensor];
    if (t->n_elements % hln_dtype_get(t->dtype)->block_size)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "partial block");
    buf = (float *)hln_allocator_alloc(&m->arena.allocator, HLN__CHUNK * sizeof(float));
    if (!buf) return hln_error_set(err, HLN_ERR_NOMEM, 0, t->name, "out of memory");
    hln__tread_init(&rd, m);
    r = t->n_elements ? hln__tread_set(&rd, t, err) : HLN_OK;   /* an empty tensor: no bytes to reach */
    while (pos < t->n_elements && r == HLN_OK) {
        uint64_t n = t->n_elements - pos < HLN__CHUNK ? t->n_elements - pos : HLN__CHUNK;
        r = hln__tread_decode(&rd, pos, n, buf, err);
        if (r == HLN_OK) visit(user, buf, (int64_t)n);
        pos += n;
    }
    hln__tread_free(&rd);
    hln_allocator_free(&m->arena.allocator, buf);
    return r;
}

static void hln__visit_stats(void *u, const float *x, int64_t n) { hln_k_stats_feed((hln_k_stats *)u, x, n); }
static void hln__visit_hist(void *u, const float *x, int64_t n) { hln_k_hist_feed((hln_k_hist *)u, x, n); }

HLN_DEF hln_result hln_tensor_stats(const hln_model *m, uint32_t tensor, hln_weight_stats *out, hln_error *err) {
    hln_k_stats st;
    hln_k_hist h;
    hln_result r;
    int b;
    memset(out, 0, sizeof *out);
    hln_k_stats_init(&st);
    if ((r = hln__tensor_stream(m, tensor, hln__visit_stats, &st, err)) != HLN_OK) return r;
    hln_k_stats_finish(&st);
    if (hln_k_hist_init(&h, &st, HLN_WEIGHT_HIST_BINS, 3.0) != HLN_K_OK)
        return hln_error_set(err, HLN_ERR_ARG, 0, "", "histogram");
    if (st.count && (r = hln__tensor_stream(m, tensor, hln__visit_hist, &h, err)) != HLN_OK) return r;
    out->count = st.count;
    out->zeros = st.zero_count;
    out->nans = st.nan_count;
    out->infs = st.inf_count;
    out->outliers = h.outliers;
    out->min = st.min;
    out->max = st.max;
    out->mean = st.mean;
    out->std = st.std;
    out->abs_max = st.abs_max;
    for (b = 0; b < HLN_WEIGHT_HIST_BINS; b++) out->hist[b] = h.counts[b];
    out->decoded = 1;
    return HLN_OK;
}

typedef struct hln__qe { hln_k_type type; hln_k_error *e; int failed; } hln__qe;
static void hln__visit_qe(void *u, const float *x, int64_t n) {
    hln__qe *q = (hln__qe *)u;
    if (hln_k_quant_error(q->type, x, n, q->e) != HLN_K_OK) q->failed = 1;
}

HLN_DEF hln_result hln_tensor_quant_error(const hln_model *m, uint32_t tensor, hln_k_type type,
                                          hln_k_error *e, hln_error *err) {
    const hln_k_type_traits *tr = hln_k_traits(type);
    const hln_tensor *t;
    hln__qe q;
    hln_result r;
    if (tensor >= m->n_tensors || !tr) return hln_error_set(err, HLN_ERR_ARG, 0, "", "bad tensor or type");
    t = &m->tensors[tensor];
    if (t->n_dims == 0 || t->dims[t->n_dims - 1] % tr->block_size != 0)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name,
                             "row length is not a whole number of %s blocks (%d)", hln_k_type_name(type), tr->block_size);
    if (!tr->can_quantize && type != HLN_K_F32)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, t->name, "HaoLine cannot quantize to %s", hln_k_type_name(type));
    q.type = type;
    q.e = e;
    q.failed = 0;
    hln_k_error_init(e);
    r = hln__tensor_stream(m, tensor, hln__visit_qe, &q, err);
    if (r == HLN_OK && q.failed)
        r = hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "cannot quantize to %s", hln_k_type_name(type));
    if (r == HLN_OK) hln_k_error_finish(e);
    return r;
}
/* Adds one tensor's sums into a running total (hln_k_error_finish it afterwards). */
static void hln__k_error_merge(hln_k_error *all, const hln_k_error *e) {
    all->count += e->count;
    all->sum_sq_err += e->sum_sq_err;
    all->sum_sq_ref += e->sum_sq_ref;
    all->sum_sq_approx += e->sum_sq_approx;
    all->sum_ref_approx += e->sum_ref_approx;
    if (e->max_abs_err > all->max_abs_err) all->max_abs_err = e->max_abs_err;
}
static void hln__quant_error_copy(hln_quant_error *out, const hln_k_error *e) {
    out->measured = 1;
    out->count = e->count;
    out->rmse = e->rmse;
    out->max_abs_err = e->max_abs_err;
    out->snr_db = e->snr_db;
    out->cosine = e->cosine;
}

HLN_DEF hln_result hln_model_quant_error(const hln_model *m, hln_k_type type, hln_quant_error *rows,
                                         hln_quant_error *total, hln_error *err) {
    const hln_k_type_traits *tr = hln_k_traits(type);
    hln_k_error all;
    uint32_t i;
    if (!tr || !tr->can_quantize) return hln_error_set(err, HLN_ERR_ARG, 0, "", "cannot quantize to this type");
    hln_k_error_init(&all);
    memset(total, 0, sizeof *total);
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_k_error e;
        hln_result r;
        memset(&rows[i], 0, sizeof rows[i]);
        if (hln_dtype_get(t->dtype)->kind != HLN_KIND_FLOAT || t->n_dims < 2 || !t->data ||
            t->dims[t->n_dims - 1] % tr->block_size != 0) continue;
        r = hln_tensor_quant_error(m, i, type, &e, err);
        if (r == HLN_ERR_NOMEM) return r;
        if (r != HLN_OK) continue;   /* no decoder for its type, big-endian bytes: not measured */
        hln__quant_error_copy(&rows[i], &e);
        hln__k_error_merge(&all, &e);
    }
    hln_k_error_finish(&all);
    if (all.count) hln__quant_error_copy(total, &all);
    return HLN_OK;
}
#undef HLN__CHUNK
#undef HLN__WINDOW
#endif

/* ---- graph analysis implementation ----------------------------------------------------------
   Shape/dtype inference, constant folding of small integer values (shape arithmetic), MACs and
   FLOPs per node (docs/costs.md), parameters, topological order and activation liveness.
   Works on the IR only: op_type strings are the IR's op vocabulary (the ONNX operator set). */

/* A small constant value element: known integer, symbolic dim, or unknown. */
typedef struct hln__ga_cv { int64_t v; const char *sym; int known; } hln__ga_cv;

enum {
    HLN__GA_OP_OTHER = 0, HLN__GA_OP_UNARY, HLN__GA_OP_BINARY, HLN__GA_OP_COMPARE, HLN__GA_OP_VARIADIC, HLN__GA_OP_WHERE,
    HLN__GA_OP_MATMUL, HLN__GA_OP_MATMUL_INT, HLN__GA_OP_QLINEAR_MATMUL, HLN__GA_OP_GEMM,
    HLN__GA_OP_CONV, HLN__GA_OP_CONV_INT, HLN__GA_OP_QLINEAR_CONV, HLN__GA_OP_CONVT,
    HLN__GA_OP_POOL, HLN__GA_OP_GPOOL, HLN__GA_OP_RESIZE, HLN__GA_OP_UPSAMPLE,
    HLN__GA_OP_RESHAPE, HLN__GA_OP_FLATTEN, HLN__GA_OP_TRANSPOSE, HLN__GA_OP_SQUEEZE, HLN__GA_OP_UNSQUEEZE,
    HLN__GA_OP_SLICE, HLN__GA_OP_GATHER, HLN__GA_OP_GATHER_ELEMENTS, HLN__GA_OP_GATHER_ND, HLN__GA_OP_CONCAT,
    HLN__GA_OP_SPLIT, HLN__GA_OP_EXPAND, HLN__GA_OP_TILE, HLN__GA_OP_PAD, HLN__GA_OP_SHAPE, HLN__GA_OP_SIZE,
    HLN__GA_OP_CONSTANT, HLN__GA_OP_CONSTANT_OF_SHAPE, HLN__GA_OP_RANGE, HLN__GA_OP_CAST, HLN__GA_OP_CAST_LIKE,
    HLN__GA_OP_REDUCE, HLN__GA_OP_ARG, HLN__GA_OP_SOFTMAX, HLN__GA_OP_LAYERNORM, HLN__GA_OP_NORM, HLN__GA_OP_BATCHNORM,
    HLN__GA_OP_DROPOUT, HLN__GA_OP_EINSUM, HLN__GA_OP_ATTENTION, HLN__GA_OP_MHA, HLN__GA_OP_LSTM, HLN__GA_OP_GRU, HLN__GA_OP_RNN,
    HLN__GA_OP_IF, HLN__GA_OP_LOOP, HLN__GA_OP_SCAN, HLN__GA_OP_QUANT, HLN__GA_OP_DEQUANT, HLN__GA_OP_DYNQUANT,
    HLN__GA_OP_TOPK, HLN__GA_OP_ONEHOT, HLN__GA_OP_DEPTH_TO_SPACE, HLN__GA_OP_SPACE_TO_DEPTH, HLN__GA_OP_IDENTITY,
    HLN__GA_OP_NONZERO, HLN__GA_OP_BOOL_UNARY, HLN__GA_OP_LOOP_LIKE,
    /* rules in hln__ga_infer_rest */
    HLN__GA_OP_NLL_LOSS, HLN__GA_OP_SCE_LOSS, HLN__GA_OP_GRID_SAMPLE, HLN__GA_OP_ROI_POOL, HLN__GA_OP_DET, HLN__GA_OP_DFT,
    HLN__GA_OP_STFT, HLN__GA_OP_MAX_UNPOOL, HLN__GA_OP_TFIDF, HLN__GA_OP_SEQ_LENGTH, HLN__GA_OP_SEQ_ELEMENT,
    HLN__GA_OP_SEQ_MAKE, HLN__GA_OP_SEQ_CONCAT, HLN__GA_OP_OPT_HAS, HLN__GA_OP_OPTIMIZER, HLN__GA_OP_NMS, HLN__GA_OP_UNIQUE,
    HLN__GA_OP_STRING_NORM, HLN__GA_OP_STRING_SPLIT, HLN__GA_OP_COMPRESS, HLN__GA_OP_WINDOW, HLN__GA_OP_MEL, HLN__GA_OP_AFFINE_GRID,
    HLN__GA_OP_CROP_PAD, HLN__GA_OP_COL2IM, HLN__GA_OP_DEFORM_CONV, HLN__GA_OP_IMAGE_DECODE, HLN__GA_OP_MULTINOMIAL,
    HLN__GA_OP_RANDOM, HLN__GA_OP_LIKE_BOOL, HLN__GA_OP_LIKE_STRING, HLN__GA_OP_ML_SAME, HLN__GA_OP_ML_ROWS, HLN__GA_OP_ML_CLASSIFY,
    HLN__GA_OP_ML_ONEHOT, HLN__GA_OP_ML_FEATURES, HLN__GA_OP_ML_EXTRACT, HLN__GA_OP_UNKNOWN
};

/* op name, kind, FLOPs per output element (elementwise), or 0; domain: 0 the default domain
   (and com.microsoft, which reuses its names), 1 ai.onnx.ml, 2 ai.onnx.preview.training.
   Every op of the default domain up to opset 21 and of ai.onnx.ml is listed: a rule that is
   exact or leaves the shape unknown (HLN__GA_OP_UNKNOWN), never a guess (docs/costs.md). */
typedef struct hln__ga_opdef { const char *name; uint8_t kind; uint8_t flops; uint8_t domain; } hln__ga_opdef;
static const hln__ga_opdef hln__ga_ops[] = {
    {"Relu", HLN__GA_OP_UNARY, 1, 0}, {"LeakyRelu", HLN__GA_OP_UNARY, 2, 0}, {"PRelu", HLN__GA_OP_BINARY, 2, 0},
    {"Sigmoid", HLN__GA_OP_UNARY, 4, 0}, {"HardSigmoid", HLN__GA_OP_UNARY, 3, 0}, {"HardSwish", HLN__GA_OP_UNARY, 4, 0},
    {"Tanh", HLN__GA_OP_UNARY, 4, 0}, {"Exp", HLN__GA_OP_UNARY, 1, 0}, {"Log", HLN__GA_OP_UNARY, 1, 0}, {"Sqrt", HLN__GA_OP_UNARY, 1, 0},
    {"Reciprocal", HLN__GA_OP_UNARY, 1, 0}, {"Abs", HLN__GA_OP_UNARY, 1, 0}, {"Neg", HLN__GA_OP_UNARY, 1, 0},
    {"Floor", HLN__GA_OP_UNARY, 1, 0}, {"Ceil", HLN__GA_OP_UNARY, 1, 0}, {"Round", HLN__GA_OP_UNARY, 1, 0}, {"Sign", HLN__GA_OP_UNARY, 1, 0},
    {"Erf", HLN__GA_OP_UNARY, 1, 0}, {"Sin", HLN__GA_OP_UNARY, 1, 0}, {"Cos", HLN__GA_OP_UNARY, 1, 0}, {"Tan", HLN__GA_OP_UNARY, 1, 0},
    {"Asin", HLN__GA_OP_UNARY, 1, 0}, {"Acos", HLN__GA_OP_UNARY, 1, 0}, {"Atan", HLN__GA_OP_UNARY, 1, 0}, {"Sinh", HLN__GA_OP_UNARY, 1, 0},
    {"Cosh", HLN__GA_OP_UNARY, 1, 0}, {"Asinh", HLN__GA_OP_UNARY, 1, 0}, {"Acosh", HLN__GA_OP_UNARY, 1, 0}, {"Atanh", HLN__GA_OP_UNARY, 1, 0},
    {"Elu", HLN__GA_OP_UNARY, 4, 0}, {"Selu", HLN__GA_OP_UNARY, 5, 0}, {"Celu", HLN__GA_OP_UNARY, 5, 0}, {"Gelu", HLN__GA_OP_UNARY, 8, 0},
    {"FastGelu", HLN__GA_OP_UNARY, 8, 0}, {"BiasGelu", HLN__GA_OP_UNARY, 9, 0}, {"QuickGelu", HLN__GA_OP_UNARY, 5, 0},
    {"Softplus", HLN__GA_OP_UNARY, 3, 0}, {"Softsign", HLN__GA_OP_UNARY, 3, 0}, {"Mish", HLN__GA_OP_UNARY, 6, 0},
    {"ThresholdedRelu", HLN__GA_OP_UNARY, 1, 0}, {"Shrink", HLN__GA_OP_UNARY, 2, 0}, {"Clip", HLN__GA_OP_UNARY, 2, 0},
    {"Not", HLN__GA_OP_UNARY, 1, 0}, {"BitwiseNot", HLN__GA_OP_UNARY, 1, 0}, {"CumSum", HLN__GA_OP_UNARY, 1, 0},
    {"Trilu", HLN__GA_OP_UNARY, 0, 0}, {"ReverseSequence", HLN__GA_OP_UNARY, 0, 0}, {"ScatterND", HLN__GA_OP_UNARY, 0, 0},
    {"ScatterElements", HLN__GA_OP_UNARY, 0, 0}, {"Scatter", HLN__GA_OP_UNARY, 0, 0}, {"RandomNormalLike", HLN__GA_OP_UNARY, 0, 0},
    {"RandomUniformLike", HLN__GA_OP_UNARY, 0, 0}, {"EyeLike", HLN__GA_OP_UNARY, 0, 0}, {"Bernoulli", HLN__GA_OP_UNARY, 0, 0},
    {"LRN", HLN__GA_OP_UNARY, 5, 0}, {"LpNormalization", HLN__GA_OP_UNARY, 3, 0}, {"MeanVarianceNormalization", HLN__GA_OP_UNARY, 6, 0},
    {"Identity", HLN__GA_OP_IDENTITY, 0, 0}, {"IsNaN", HLN__GA_OP_BOOL_UNARY, 1, 0}, {"IsInf", HLN__GA_OP_BOOL_UNARY, 1, 0},
    {"Add", HLN__GA_OP_BINARY, 1, 0}, {"Sub", HLN__GA_OP_BINARY, 1, 0}, {"Mul", HLN__GA_OP_BINARY, 1, 0}, {"Div", HLN__GA_OP_BINARY, 1, 0},
    {"Pow", HLN__GA_OP_BINARY, 1, 0}, {"Mod", HLN__GA_OP_BINARY, 1, 0}, {"BitShift", HLN__GA_OP_BINARY, 1, 0},
    {"BitwiseAnd", HLN__GA_OP_BINARY, 1, 0}, {"BitwiseOr", HLN__GA_OP_BINARY, 1, 0}, {"BitwiseXor", HLN__GA_OP_BINARY, 1, 0},
    {"And", HLN__GA_OP_COMPARE, 1, 0}, {"Or", HLN__GA_OP_COMPARE, 1, 0}, {"Xor", HLN__GA_OP_COMPARE, 1, 0},
    {"Equal", HLN__GA_OP_COMPARE, 1, 0}, {"Less", HLN__GA_OP_COMPARE, 1, 0}, {"Greater", HLN__GA_OP_COMPARE, 1, 0},
    {"LessOrEqual", HLN__GA_OP_COMPARE, 1, 0}, {"GreaterOrEqual", HLN__GA_OP_COMPARE, 1, 0},
    {"Max", HLN__GA_OP_VARIADIC, 1, 0}, {"Min", HLN__GA_OP_VARIADIC, 1, 0}, {"Sum", HLN__GA_OP_VARIADIC, 1, 0}, {"Mean", HLN__GA_OP_VARIADIC, 1, 0},
    {"Where", HLN__GA_OP_WHERE, 1, 0},
    {"MatMul", HLN__GA_OP_MATMUL, 0, 0}, {"FusedMatMul", HLN__GA_OP_MATMUL, 0, 0}, {"MatMulInteger", HLN__GA_OP_MATMUL_INT, 0, 0},
    {"QLinearMatMul", HLN__GA_OP_QLINEAR_MATMUL, 0, 0}, {"Gemm", HLN__GA_OP_GEMM, 0, 0},
    {"Conv", HLN__GA_OP_CONV, 0, 0}, {"FusedConv", HLN__GA_OP_CONV, 0, 0}, {"ConvInteger", HLN__GA_OP_CONV_INT, 0, 0},
    {"QLinearConv", HLN__GA_OP_QLINEAR_CONV, 0, 0}, {"ConvTranspose", HLN__GA_OP_CONVT, 0, 0},
    {"MaxPool", HLN__GA_OP_POOL, 1, 0}, {"AveragePool", HLN__GA_OP_POOL, 1, 0}, {"LpPool", HLN__GA_OP_POOL, 2, 0},
    {"QLinearAveragePool", HLN__GA_OP_POOL, 1, 0},
    {"GlobalAveragePool", HLN__GA_OP_GPOOL, 1, 0}, {"GlobalMaxPool", HLN__GA_OP_GPOOL, 1, 0}, {"GlobalLpPool", HLN__GA_OP_GPOOL, 2, 0},
    {"QLinearGlobalAveragePool", HLN__GA_OP_GPOOL, 1, 0},
    {"Resize", HLN__GA_OP_RESIZE, 4, 0}, {"Upsample", HLN__GA_OP_UPSAMPLE, 4, 0},
    {"Reshape", HLN__GA_OP_RESHAPE, 0, 0}, {"Flatten", HLN__GA_OP_FLATTEN, 0, 0}, {"Transpose", HLN__GA_OP_TRANSPOSE, 0, 0},
    {"Squeeze", HLN__GA_OP_SQUEEZE, 0, 0}, {"Unsqueeze", HLN__GA_OP_UNSQUEEZE, 0, 0}, {"Slice", HLN__GA_OP_SLICE, 0, 0},
    {"Gather", HLN__GA_OP_GATHER, 0, 0}, {"GatherElements", HLN__GA_OP_GATHER_ELEMENTS, 0, 0}, {"GatherND", HLN__GA_OP_GATHER_ND, 0, 0},
    {"Concat", HLN__GA_OP_CONCAT, 0, 0}, {"Split", HLN__GA_OP_SPLIT, 0, 0}, {"Expand", HLN__GA_OP_EXPAND, 0, 0}, {"Tile", HLN__GA_OP_TILE, 0, 0},
    {"Pad", HLN__GA_OP_PAD, 0, 0}, {"Shape", HLN__GA_OP_SHAPE, 0, 0}, {"Size", HLN__GA_OP_SIZE, 0, 0}, {"Constant", HLN__GA_OP_CONSTANT, 0, 0},
    {"ConstantOfShape", HLN__GA_OP_CONSTANT_OF_SHAPE, 0, 0}, {"Range", HLN__GA_OP_RANGE, 0, 0}, {"Cast", HLN__GA_OP_CAST, 0, 0},
    {"CastLike", HLN__GA_OP_CAST_LIKE, 0, 0},
    {"ReduceSum", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceMean", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceMax", HLN__GA_OP_REDUCE, 1, 0},
    {"ReduceMin", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceProd", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceL1", HLN__GA_OP_REDUCE, 2, 0},
    {"ReduceL2", HLN__GA_OP_REDUCE, 2, 0}, {"ReduceLogSum", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceLogSumExp", HLN__GA_OP_REDUCE, 2, 0},
    {"ReduceSumSquare", HLN__GA_OP_REDUCE, 2, 0}, {"ArgMax", HLN__GA_OP_ARG, 1, 0}, {"ArgMin", HLN__GA_OP_ARG, 1, 0},
    {"Softmax", HLN__GA_OP_SOFTMAX, 5, 0}, {"LogSoftmax", HLN__GA_OP_SOFTMAX, 6, 0}, {"Hardmax", HLN__GA_OP_SOFTMAX, 2, 0},
    {"LayerNormalization", HLN__GA_OP_LAYERNORM, 8, 0}, {"SkipLayerNormalization", HLN__GA_OP_LAYERNORM, 9, 0},
    {"SimplifiedLayerNormalization", HLN__GA_OP_LAYERNORM, 6, 0}, {"RMSNormalization", HLN__GA_OP_LAYERNORM, 6, 0},
    {"InstanceNormalization", HLN__GA_OP_NORM, 8, 0}, {"GroupNormalization", HLN__GA_OP_NORM, 8, 0},
    {"BatchNormalization", HLN__GA_OP_BATCHNORM, 2, 0}, {"Dropout", HLN__GA_OP_DROPOUT, 0, 0},
    {"Einsum", HLN__GA_OP_EINSUM, 0, 0}, {"Attention", HLN__GA_OP_ATTENTION, 0, 0}, {"MultiHeadAttention", HLN__GA_OP_MHA, 0, 0},
    {"LSTM", HLN__GA_OP_LSTM, 0, 0}, {"GRU", HLN__GA_OP_GRU, 0, 0}, {"RNN", HLN__GA_OP_RNN, 0, 0},
    {"If", HLN__GA_OP_IF, 0, 0}, {"Loop", HLN__GA_OP_LOOP, 0, 0}, {"Scan", HLN__GA_OP_SCAN, 0, 0}, {"SequenceMap", HLN__GA_OP_LOOP_LIKE, 0, 0},
    {"QuantizeLinear", HLN__GA_OP_QUANT, 2, 0}, {"DequantizeLinear", HLN__GA_OP_DEQUANT, 2, 0},
    {"DynamicQuantizeLinear", HLN__GA_OP_DYNQUANT, 4, 0}, {"TopK", HLN__GA_OP_TOPK, 1, 0}, {"OneHot", HLN__GA_OP_ONEHOT, 0, 0},
    {"DepthToSpace", HLN__GA_OP_DEPTH_TO_SPACE, 0, 0}, {"SpaceToDepth", HLN__GA_OP_SPACE_TO_DEPTH, 0, 0},
    {"NonZero", HLN__GA_OP_NONZERO, 0, 0},
    {"NegativeLogLikelihoodLoss", HLN__GA_OP_NLL_LOSS, 1, 0}, {"SoftmaxCrossEntropyLoss", HLN__GA_OP_SCE_LOSS, 7, 0},
    {"GridSample", HLN__GA_OP_GRID_SAMPLE, 8, 0}, {"RoiAlign", HLN__GA_OP_ROI_POOL, 8, 0}, {"MaxRoiPool", HLN__GA_OP_ROI_POOL, 1, 0},
    {"Det", HLN__GA_OP_DET, 0, 0}, {"DFT", HLN__GA_OP_DFT, 0, 0}, {"STFT", HLN__GA_OP_STFT, 0, 0}, {"MaxUnpool", HLN__GA_OP_MAX_UNPOOL, 0, 0},
    {"TfIdfVectorizer", HLN__GA_OP_TFIDF, 0, 0}, {"SequenceLength", HLN__GA_OP_SEQ_LENGTH, 0, 0},
    {"SequenceAt", HLN__GA_OP_SEQ_ELEMENT, 0, 0}, {"OptionalGetElement", HLN__GA_OP_SEQ_ELEMENT, 0, 0},
    {"SequenceConstruct", HLN__GA_OP_SEQ_MAKE, 0, 0}, {"SequenceInsert", HLN__GA_OP_SEQ_MAKE, 0, 0}, {"Optional", HLN__GA_OP_SEQ_MAKE, 0, 0},
    {"SequenceErase", HLN__GA_OP_SEQ_ELEMENT, 0, 0}, {"SequenceEmpty", HLN__GA_OP_UNKNOWN, 0, 0},
    {"ConcatFromSequence", HLN__GA_OP_SEQ_CONCAT, 0, 0}, {"SplitToSequence", HLN__GA_OP_SEQ_CONCAT, 0, 0},
    {"OptionalHasElement", HLN__GA_OP_OPT_HAS, 0, 0}, {"NonMaxSuppression", HLN__GA_OP_NMS, 0, 0}, {"Unique", HLN__GA_OP_UNIQUE, 0, 0},
    {"StringNormalizer", HLN__GA_OP_STRING_NORM, 0, 0}, {"StringSplit", HLN__GA_OP_STRING_SPLIT, 0, 0}, {"Compress", HLN__GA_OP_COMPRESS, 0, 0},
    {"BlackmanWindow", HLN__GA_OP_WINDOW, 0, 0}, {"HammingWindow", HLN__GA_OP_WINDOW, 0, 0}, {"HannWindow", HLN__GA_OP_WINDOW, 0, 0},
    {"MelWeightMatrix", HLN__GA_OP_MEL, 0, 0}, {"AffineGrid", HLN__GA_OP_AFFINE_GRID, 0, 0}, {"CenterCropPad", HLN__GA_OP_CROP_PAD, 0, 0},
    {"Col2Im", HLN__GA_OP_COL2IM, 0, 0}, {"DeformConv", HLN__GA_OP_DEFORM_CONV, 0, 0}, {"ImageDecoder", HLN__GA_OP_IMAGE_DECODE, 0, 0},
    {"Multinomial", HLN__GA_OP_MULTINOMIAL, 0, 0}, {"RandomNormal", HLN__GA_OP_RANDOM, 0, 0}, {"RandomUniform", HLN__GA_OP_RANDOM, 0, 0},
    {"RegexFullMatch", HLN__GA_OP_LIKE_BOOL, 0, 0}, {"StringConcat", HLN__GA_OP_LIKE_STRING, 0, 0},
    {"Adagrad", HLN__GA_OP_OPTIMIZER, 0, 2}, {"Adam", HLN__GA_OP_OPTIMIZER, 0, 2}, {"Momentum", HLN__GA_OP_OPTIMIZER, 0, 2},
    {"Gradient", HLN__GA_OP_UNKNOWN, 0, 2},
    {"Binarizer", HLN__GA_OP_ML_SAME, 1, 1}, {"Normalizer", HLN__GA_OP_ML_SAME, 3, 1}, {"Scaler", HLN__GA_OP_ML_SAME, 2, 1},
    {"Imputer", HLN__GA_OP_ML_SAME, 1, 1}, {"LabelEncoder", HLN__GA_OP_ML_SAME, 0, 1}, {"CategoryMapper", HLN__GA_OP_ML_SAME, 0, 1},
    {"LinearRegressor", HLN__GA_OP_ML_ROWS, 0, 1}, {"SVMRegressor", HLN__GA_OP_ML_ROWS, 0, 1},
    {"TreeEnsembleRegressor", HLN__GA_OP_ML_ROWS, 0, 1}, {"TreeEnsemble", HLN__GA_OP_ML_ROWS, 0, 1},
    {"LinearClassifier", HLN__GA_OP_ML_CLASSIFY, 0, 1}, {"SVMClassifier", HLN__GA_OP_ML_CLASSIFY, 0, 1},
    {"TreeEnsembleClassifier", HLN__GA_OP_ML_CLASSIFY, 0, 1}, {"OneHotEncoder", HLN__GA_OP_ML_ONEHOT, 0, 1},
    {"FeatureVectorizer", HLN__GA_OP_ML_FEATURES, 0, 1}, {"ArrayFeatureExtractor", HLN__GA_OP_ML_EXTRACT, 0, 1},
    {"ZipMap", HLN__GA_OP_UNKNOWN, 0, 1}, {"CastMap", HLN__GA_OP_UNKNOWN, 0, 1}, {"DictVectorizer", HLN__GA_OP_UNKNOWN, 0, 1}
};
#define HLN__GA_N_OPS (sizeof hln__ga_ops / sizeof hln__ga_ops[0])
#define HLN__GA_OPTAB 512u
#define HLN__GA_CV_MAX 64   /* longest constant folded (shape vectors, small index lists) */

typedef struct hln__ga_gs {        /* per-graph analysis state */
    hln_graph       *g;
    struct hln__ga_gs  *parent;
    hln__ga_cv        **cv;        /* per value: small constant value, NULL when not known */
    int32_t         *ncv;
} hln__ga_gs;

typedef struct hln__ga {
    hln_model         *m;
    hln_arena         *shapes;              /* value shapes and node orders: the model's arena, or a
                                               scratch one for the formula's sample runs */
    const hln_binding *bind;
    uint32_t           n_bind;
    hln_error         *err;
    hln_arena          scratch;
    uint16_t           optab[HLN__GA_OPTAB];   /* op index + 1 */
    uint32_t           nodes_all, subgraphs, max_depth;
    hln_graph        **counted;             /* the graphs nodes_all counts, n_counted of cap_counted */
    uint32_t           n_counted, cap_counted;
    uint32_t           in_function;         /* > 0 inside a called function: not counted as graph nodes */
    hln_graph         *active[16];          /* functions being expanded (no recursion) */
    uint64_t           fn_nodes;            /* function-body nodes analysed so far, bounded */
    uint64_t           params_all, constant_params_all;
    const hln_node   **tensor_owner;        /* the node a weight's params are counted on (its first reader) */
    uint32_t           revisit;             /* > 0 while a loop body is analysed again: counted once */
    uint32_t           reruns;              /* loop-body re-analyses so far, bounded */
    uint64_t           visited;             /* nodes analysed, function bodies and reruns included */
    const hln_node    *carry_owner;         /* the Loop/Scan whose body inputs take carry[] */
    const hln_shape   *carry;               /* its loop-carried shapes, in the body's terms */
    const hln_tensor_role *roles;           /* hln_model_tensor_roles, for node params */
    int                exact;               /* cleared by the node being costed */
    int                nomem;               /* an allocation failed: the analysis ends in HLN_ERR_NOMEM */
} hln__ga;

static uint32_t hln__ga_hash(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static void hln__ga_optab(hln__ga *ga) {
    uint32_t i;
    memset(ga->optab, 0, sizeof ga->optab);
    for (i = 0; i < HLN__GA_N_OPS; i++) {
        uint32_t s = hln__ga_hash(hln__ga_ops[i].name) & (HLN__GA_OPTAB - 1);
        while (ga->optab[s]) s = (s + 1) & (HLN__GA_OPTAB - 1);
        ga->optab[s] = (uint16_t)(i + 1);
    }
}

static const hln__ga_opdef *hln__ga_op(const hln__ga *ga, const hln_node *n) {
    static const hln__ga_opdef other = { "", HLN__GA_OP_OTHER, 0, 0 };
    uint32_t s;
    uint8_t domain;
    if (!n->domain || !n->domain[0] || strcmp(n->domain, "ai.onnx") == 0 || strcmp(n->domain, "com.microsoft") == 0) domain = 0;
    else if (strcmp(n->domain, "ai.onnx.ml") == 0) domain = 1;
    else if (strcmp(n->domain, "ai.onnx.preview.training") == 0) domain = 2;
    else return &other;
    s = hln__ga_hash(n->op_type) & (HLN__GA_OPTAB - 1);
    while (ga->optab[s]) {
        const hln__ga_opdef *d = &hln__ga_ops[ga->optab[s] - 1];
        if (d->domain == domain && strcmp(d->name, n->op_type) == 0) return d;
        s = (s + 1) & (HLN__GA_OPTAB - 1);
    }
    return &other;
}

/* ---- attributes ---- */
static const hln_attr *hln__ga_attr(const hln_node *n, const char *name) {
    uint32_t i;
    for (i = 0; i < n->n_attrs; i++)
        if (n->attrs[i].name && strcmp(n->attrs[i].name, name) == 0) return &n->attrs[i];
    return NULL;
}
static int64_t hln__ga_attr_i(const hln_node *n, const char *name, int64_t def) {
    const hln_attr *a = hln__ga_attr(n, name);
    return a && a->type == HLN_ATTR_INT ? a->i : def;
}
static const char *hln__ga_attr_s(const hln_node *n, const char *name, const char *def) {
    const hln_attr *a = hln__ga_attr(n, name);
    return a && a->type == HLN_ATTR_STRING && a->s.ptr ? a->s.ptr : def;
}
/* INTS attribute; count -1 when absent */
static const int64_t *hln__ga_attr_ints(const hln_node *n, const char *name, int32_t *count) {
    const hln_attr *a = hln__ga_attr(n, name);
    if (!a || a->type != HLN_ATTR_INTS) { *count = -1; return NULL; }
    *count = (int32_t)a->count;
    return a->ints;
}

/* ---- tensor values ---- */
static int hln__ga_tensor_i64(const hln_tensor *t, uint64_t i, int64_t *out) {
    const uint8_t *p;
    if (!t->data || i >= t->n_elements) return 0;
    p = (const uint8_t *)t->data;
    switch (t->dtype) {
    case HLN_DTYPE_I64: *out = (int64_t)hln__load_uint(p + 8 * i, 8, 0); return 1;
    case HLN_DTYPE_U64: *out = (int64_t)hln__load_uint(p + 8 * i, 8, 0); return 1;
    case HLN_DTYPE_I32: *out = (int32_t)(uint32_t)hln__load_uint(p + 4 * i, 4, 0); return 1;
    case HLN_DTYPE_U32: *out = (int64_t)hln__load_uint(p + 4 * i, 4, 0); return 1;
    case HLN_DTYPE_I16: *out = (int16_t)(uint16_t)hln__load_uint(p + 2 * i, 2, 0); return 1;
    case HLN_DTYPE_U16: *out = (int64_t)hln__load_uint(p + 2 * i, 2, 0); return 1;
    case HLN_DTYPE_I8: *out = (int8_t)p[i]; return 1;
    case HLN_DTYPE_U8: case HLN_DTYPE_BOOL: *out = p[i]; return 1;
    default: return 0;
    }
}
static int hln__ga_tensor_f64(const hln_tensor *t, uint64_t i, double *out) {
    int64_t v;
    if (t->data && i < t->n_elements && t->dtype == HLN_DTYPE_F32) {
        *out = hln__f32_bits((uint32_t)hln__load_uint((const uint8_t *)t->data + 4 * i, 4, 0));
        return 1;
    }
    if (t->data && i < t->n_elements && t->dtype == HLN_DTYPE_F64) {
        *out = hln__f64_bits(hln__load_uint((const uint8_t *)t->data + 8 * i, 8, 0));
        return 1;
    }
    if (hln__ga_tensor_i64(t, i, &v)) { *out = (double)v; return 1; }
    return 0;
}

/* ---- dims ---- */
static hln_dim hln__ga_dk(int64_t v) { hln_dim d; d.value = v; d.param = NULL; return d; }
static hln_dim hln__ga_du(void) { hln_dim d; d.value = -1; d.param = NULL; return d; }
static int hln__ga_dsame(hln_dim a, hln_dim b) {
    if (a.value >= 0 || b.value >= 0) return a.value == b.value;
    return a.param && b.param && strcmp(a.param, b.param) == 0;
}
/* Value of a dim for costs: unknown dims count as 1 and make the result inexact. */
static uint64_t hln__ga_dv(hln__ga *ga, hln_dim d) {
    if (d.value >= 0) return (uint64_t)d.value;
    ga->exact = 0;
    return 1;
}
static uint64_t hln__ga_mul(uint64_t a, uint64_t b) {
    uint64_t r;
    return hln_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}
static uint64_t hln__ga_add(uint64_t a, uint64_t b) { return b > UINT64_MAX - a ? UINT64_MAX : a + b; }
static uint64_t hln__ga_elems(hln__ga *ga, const hln_shape *s) {
    uint64_t n = 1;
    int32_t i;
    if (!s || s->rank < 0) { ga->exact = 0; return 0; }
    for (i = 0; i < s->rank; i++) n = hln__ga_mul(n, hln__ga_dv(ga, s->dims[i]));
    return n;
}
static hln_dim hln__ga_dmul(hln_dim a, hln_dim b) {
    if (a.value >= 0 && b.value >= 0) {
        uint64_t r;
        if (hln_mul_overflow((uint64_t)a.value, (uint64_t)b.value, &r) || r > (uint64_t)INT64_MAX) return hln__ga_du();
        return hln__ga_dk((int64_t)r);
    }
    if (a.value == 1) return b;
    if (b.value == 1) return a;
    return hln__ga_du();
}
static int64_t hln__ga_axis(int64_t a, int32_t rank) { return a < 0 ? a + rank : a; }
/* Wrapping int64 arithmetic: files may hold any attribute value; nonsense in, nonsense out,
   never undefined behaviour. */
static int64_t hln__ga_sadd(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t hln__ga_ssub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static int64_t hln__ga_smul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }
static int hln__ga_to_i64(double d, int64_t *out) {
    if (!(d >= -9.2e18 && d <= 9.2e18)) return 0;   /* NaN and out of range */
    *out = (int64_t)d;
    return 1;
}

/* ---- per-value state ---- */
static hln_value *hln__ga_inval(hln__ga_gs *gs, const hln_node *n, uint32_t k) {
    return k < n->n_inputs && n->inputs[k] >= 0 ? &gs->g->values[n->inputs[k]] : NULL;
}
static const hln_shape *hln__ga_in(hln__ga_gs *gs, const hln_node *n, uint32_t k) {
    hln_value *v = hln__ga_inval(gs, n, k);
    return v && v->inferred.rank >= 0 ? &v->inferred : NULL;
}
static hln_dtype hln__ga_indt(hln__ga_gs *gs, const hln_node *n, uint32_t k) {
    hln_value *v = hln__ga_inval(gs, n, k);
    return v ? v->dtype : HLN_DTYPE_UNKNOWN;
}
static const hln__ga_cv *hln__ga_incv(hln__ga_gs *gs, const hln_node *n, uint32_t k, int32_t *len) {
    if (k < n->n_inputs && n->inputs[k] >= 0 && gs->cv[n->inputs[k]]) {
        *len = gs->ncv[n->inputs[k]];
        return gs->cv[n->inputs[k]];
    }
    *len = -1;
    return NULL;
}
/* All elements of a constant input known as integers. */
static int hln__ga_incv_ints(hln__ga_gs *gs, const hln_node *n, uint32_t k, int64_t *out, int32_t cap, int32_t *len) {
    int32_t i;
    const hln__ga_cv *c = hln__ga_incv(gs, n, k, len);
    if (!c || *len > cap) return 0;
    for (i = 0; i < *len; i++) {
        if (!c[i].known) return 0;
        out[i] = c[i].v;
    }
    return 1;
}
/* Floats of a constant tensor input (Resize scales, Range bounds). */
static int hln__ga_intensor_f64(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, double *out, int32_t cap, int32_t *len) {
    hln_value *v = hln__ga_inval(gs, n, k);
    const hln_tensor *t;
    uint64_t i;
    if (!v || v->tensor < 0 || (uint32_t)v->tensor >= ga->m->n_tensors) {
        int64_t tmp[HLN__GA_CV_MAX];
        int32_t j;
        if (!hln__ga_incv_ints(gs, n, k, tmp, cap < HLN__GA_CV_MAX ? cap : HLN__GA_CV_MAX, len)) return 0;
        for (j = 0; j < *len; j++) out[j] = (double)tmp[j];
        return 1;
    }
    t = &ga->m->tensors[v->tensor];
    if (t->n_elements > (uint64_t)cap) return 0;
    for (i = 0; i < t->n_elements; i++)
        if (!hln__ga_tensor_f64(t, i, &out[i])) return 0;
    *len = (int32_t)t->n_elements;
    return 1;
}

static void hln__ga_setcv(hln__ga *ga, hln__ga_gs *gs, int32_t v, const hln__ga_cv *c, int32_t len) {
    hln__ga_cv *d;
    if (v < 0 || len < 0 || len > HLN__GA_CV_MAX) return;
    d = (hln__ga_cv *)hln_arena_array(&ga->scratch, len ? (uint64_t)len : 1, sizeof *d);
    if (!d) return;
    if (len) memcpy(d, c, (size_t)len * sizeof *d);
    gs->cv[v] = d;
    gs->ncv[v] = len;
}

static void hln__ga_bind_dims(hln__ga *ga, hln_dim *d, int32_t rank) {
    int32_t i;
    uint32_t b;
    for (i = 0; i < rank; i++) {
        if (d[i].value >= 0 || !d[i].param) continue;
        for (b = 0; b < ga->n_bind; b++)
            if (ga->bind[b].name && strcmp(ga->bind[b].name, d[i].param) == 0 && ga->bind[b].value >= 0) {
                d[i].value = ga->bind[b].value;
                break;
            }
    }
}

static int hln__ga_set_shape(hln__ga *ga, hln_shape *s, int32_t rank, const hln_dim *dims) {
    s->dims = (hln_dim *)hln_arena_array(ga->shapes, rank > 0 ? (uint64_t)rank : 1, sizeof(hln_dim));
    if (!s->dims) { s->rank = -1; ga->nomem = 1; return 0; }
    if (rank > 0) memcpy(s->dims, dims, (size_t)rank * sizeof(hln_dim));
    s->rank = rank;
    return 1;
}

/* Output k of a node: dtype (kept when the file declared one) and shape; dims the inference
   left unknown are taken from the declared shape. */
static void hln__ga_out(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, hln_dtype dt, int32_t rank, const hln_dim *dims) {
    hln_value *v;
    hln_dim tmp[HLN_MAX_DIMS];
    int32_t i;
    if (k >= n->n_outputs || n->outputs[k] < 0) return;
    v = &gs->g->values[n->outputs[k]];
    if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = dt;
    if (rank < 0 || rank > HLN_MAX_DIMS) return;
    for (i = 0; i < rank; i++) tmp[i] = dims ? dims[i] : hln__ga_du();   /* dims NULL: rank known, dims not */
    if (v->inferred.rank == rank)
        for (i = 0; i < rank; i++)
            if (tmp[i].value < 0 && (v->inferred.dims[i].value >= 0 || (!tmp[i].param && v->inferred.dims[i].param)))
                tmp[i] = v->inferred.dims[i];
    hln__ga_set_shape(ga, &v->inferred, rank, tmp);
}
static void hln__ga_out_like(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, hln_dtype dt, const hln_shape *s) {
    if (s) hln__ga_out(ga, gs, n, k, dt, s->rank, s->dims);
    else hln__ga_out(ga, gs, n, k, dt, -1, NULL);
}

/* numpy broadcasting of two shapes into out; returns the rank, -1 when unknown */
static int32_t hln__ga_broadcast(const hln_shape *a, const hln_shape *b, hln_dim *out) {
    int32_t r, i;
    if (!a || !b) return -1;
    r = a->rank > b->rank ? a->rank : b->rank;
    if (r > HLN_MAX_DIMS) return -1;
    for (i = 0; i < r; i++) {
        int32_t ia = i - (r - a->rank), ib = i - (r - b->rank);
        hln_dim da = ia >= 0 ? a->dims[ia] : hln__ga_dk(1), db = ib >= 0 ? b->dims[ib] : hln__ga_dk(1);
        if (da.value == 1) out[i] = db;
        else if (db.value == 1) out[i] = da;
        else if (da.value >= 0) out[i] = da;   /* the other is the same or 1 */
        else if (db.value >= 0) out[i] = db;
        else out[i] = hln__ga_dsame(da, db) ? da : hln__ga_du();   /* two unknowns: either may be 1 */
    }
    return r;
}

/* Spatial output size of a convolution or pooling window. */
static hln_dim hln__ga_window(hln_dim in, int64_t k, int64_t s, int64_t d, int64_t pb, int64_t pe, const char *auto_pad, int ceil_mode) {
    int64_t eff, num, out;
    if (s <= 0) s = 1;
    if (d <= 0) d = 1;
    eff = hln__ga_sadd(hln__ga_smul(k - 1, d), 1);
    if (in.value < 0) {
        if (eff == 1 && s == 1 && pb == 0 && pe == 0) return in;
        return hln__ga_du();
    }
    if (strcmp(auto_pad, "SAME_UPPER") == 0 || strcmp(auto_pad, "SAME_LOWER") == 0)
        return hln__ga_dk(in.value / s + (in.value % s != 0));
    if (strcmp(auto_pad, "VALID") == 0) pb = pe = 0;
    num = hln__ga_ssub(hln__ga_sadd(hln__ga_sadd(in.value, pb), pe), eff);
    if (num < 0) return hln__ga_dk(0);
    out = (ceil_mode ? num / s + (num % s != 0) : num / s) + 1;
    if (ceil_mode && hln__ga_smul(out - 1, s) >= hln__ga_sadd(in.value, pb)) out--;
    return out >= 0 ? hln__ga_dk(out) : hln__ga_du();
}

/* ---- shape arithmetic on constant values ---- */
static hln__ga_cv hln__ga_cv_of(hln_dim d) {
    hln__ga_cv c;
    c.known = d.value >= 0;
    c.v = d.value;
    c.sym = d.value >= 0 ? NULL : d.param;
    return c;
}
static hln_dim hln__ga_dim_of(hln__ga_cv c) {
    hln_dim d;
    d.value = c.known && c.v >= 0 ? c.v : -1;
    d.param = c.known ? NULL : c.sym;
    return d;
}

/* The -1 of a Reshape: input elements / known output dims, cancelling equal symbols. */
static hln_dim hln__ga_reshape_infer(const hln_shape *in, const hln_dim *out, int32_t rank, int32_t skip) {
    const char *syms_in[HLN_MAX_DIMS];
    int used[HLN_MAX_DIMS];
    int32_t i, j, n_in = 0;
    uint64_t pin = 1, pout = 1;
    for (i = 0; i < in->rank; i++) {
        if (in->dims[i].value >= 0) pin = hln__ga_mul(pin, (uint64_t)in->dims[i].value);
        else if (in->dims[i].param) syms_in[n_in++] = in->dims[i].param;
        else return hln__ga_du();
    }
    memset(used, 0, sizeof used);
    for (i = 0; i < rank; i++) {
        if (i == skip) continue;
        if (out[i].value >= 0) { pout = hln__ga_mul(pout, (uint64_t)out[i].value); continue; }
        if (!out[i].param) return hln__ga_du();
        for (j = 0; j < n_in; j++)
            if (!used[j] && strcmp(syms_in[j], out[i].param) == 0) { used[j] = 1; break; }
        if (j == n_in) return hln__ga_du();
    }
    {
        int32_t left = 0, last = -1;
        for (j = 0; j < n_in; j++) if (!used[j]) { left++; last = j; }
        if (pout == 0 || pin == UINT64_MAX || pout == UINT64_MAX) return hln__ga_du();
        if (left == 0) return pin % pout == 0 ? hln__ga_dk((int64_t)(pin / pout)) : hln__ga_du();
        if (left == 1 && pin == pout) { hln_dim d; d.value = -1; d.param = syms_in[last]; return d; }
    }
    return hln__ga_du();
}

static int64_t hln__ga_ceil_div(int64_t a, int64_t b) {
    if (b == 0 || a == INT64_MIN || b == INT64_MIN) return 0;
    if (b < 0) { a = -a; b = -b; }
    return a >= 0 ? a / b + (a % b != 0) : -((-a) / b);
}

/* one Slice axis: [start, end) by step on a dim of length len */
static int64_t hln__ga_slice_len(int64_t len, int64_t start, int64_t end, int64_t step) {
    if (step == 0) return -1;
    if (step == INT64_MIN) step = -INT64_MAX;
    if (start < 0) start += len;
    if (end < 0) end += len;
    if (step > 0) {
        if (start < 0) start = 0;
        if (start > len) start = len;
        if (end < 0) end = 0;
        if (end > len) end = len;
        return end > start ? hln__ga_ceil_div(end - start, step) : 0;
    }
    if (start < 0) start = -1;
    if (start > len - 1) start = len - 1;
    if (end < -1) end = -1;
    if (end > len - 1) end = len - 1;
    return start > end ? hln__ga_ceil_div(start - end, -step) : 0;
}

/* ---- per-op inference and costs ---- */
static void hln__ga_infer_conv(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int kind) {
    uint32_t xi = 0, wi = kind == HLN__GA_OP_QLINEAR_CONV ? 3 : 1;
    uint32_t bi = kind == HLN__GA_OP_QLINEAR_CONV ? 8 : kind == HLN__GA_OP_DEFORM_CONV ? 3 : 2;
    const hln_shape *x = hln__ga_in(gs, n, xi), *w = hln__ga_in(gs, n, wi);
    int32_t nk = -1, ns, np, nd, i, sp;
    const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &nk), *st = hln__ga_attr_ints(n, "strides", &ns);
    const int64_t *pads = hln__ga_attr_ints(n, "pads", &np), *dil = hln__ga_attr_ints(n, "dilations", &nd);
    const char *auto_pad = hln__ga_attr_s(n, "auto_pad", "NOTSET");
    int64_t group = hln__ga_attr_i(n, "group", 1);
    hln_dim out[HLN_MAX_DIMS], cout;
    uint64_t kprod = 1, macs, outsp = 1, cin_g;
    hln_dtype dt = kind == HLN__GA_OP_CONV_INT ? HLN_DTYPE_I32 : kind == HLN__GA_OP_QLINEAR_CONV ? hln__ga_indt(gs, n, 7) : hln__ga_indt(gs, n, 0);
    if (dt == HLN_DTYPE_UNKNOWN) dt = kind == HLN__GA_OP_QLINEAR_CONV ? HLN_DTYPE_U8 : HLN_DTYPE_F32;
    if (!x || x->rank < 3 || x->rank > HLN_MAX_DIMS) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, dt, -1, NULL); return; }
    sp = x->rank - 2;
    if (w && w->rank == x->rank) { cout = w->dims[0]; cin_g = hln__ga_dv(ga, w->dims[1]); }
    else {
        cout = hln__ga_du();
        cin_g = group > 0 ? hln__ga_dv(ga, x->dims[1]) / (uint64_t)group : 1;
        ga->exact = 0;
    }
    out[0] = x->dims[0];
    out[1] = cout;
    for (i = 0; i < sp; i++) {
        int64_t k = w && w->rank == x->rank && w->dims[2 + i].value >= 0 ? w->dims[2 + i].value : (nk == sp ? ks[i] : 1);
        out[2 + i] = hln__ga_window(x->dims[2 + i], k, ns == sp ? st[i] : 1, nd == sp ? dil[i] : 1,
                                 np == 2 * sp ? pads[i] : 0, np == 2 * sp ? pads[sp + i] : 0, auto_pad, 0);
        kprod = hln__ga_mul(kprod, (uint64_t)(k > 0 ? k : 1));
        outsp = hln__ga_mul(outsp, hln__ga_dv(ga, out[2 + i]));
    }
    macs = hln__ga_mul(hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, cout)), outsp), hln__ga_mul(cin_g, kprod));
    n->macs = macs;
    n->flops = hln__ga_mul(macs, 2);
    if (hln__ga_inval(gs, n, bi)) n->flops = hln__ga_add(n->flops, hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, cout)), outsp));
    hln__ga_out(ga, gs, n, 0, dt, x->rank, out);
}

static void hln__ga_infer_convt(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const hln_shape *x = hln__ga_in(gs, n, 0), *w = hln__ga_in(gs, n, 1);
    int32_t nk, ns, np, nd, nop, nos, i, sp;
    const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &nk), *st = hln__ga_attr_ints(n, "strides", &ns);
    const int64_t *pads = hln__ga_attr_ints(n, "pads", &np), *dil = hln__ga_attr_ints(n, "dilations", &nd);
    const int64_t *opad = hln__ga_attr_ints(n, "output_padding", &nop), *oshape = hln__ga_attr_ints(n, "output_shape", &nos);
    const char *auto_pad = hln__ga_attr_s(n, "auto_pad", "NOTSET");
    int64_t group = hln__ga_attr_i(n, "group", 1);
    hln_dim out[HLN_MAX_DIMS];
    uint64_t kprod = 1, insp = 1, cout_g;
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    if (!x || x->rank < 3 || x->rank > HLN_MAX_DIMS) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, dt, -1, NULL); return; }
    sp = x->rank - 2;
    out[0] = x->dims[0];
    if (w && w->rank == x->rank) {
        out[1] = hln__ga_dmul(w->dims[1], hln__ga_dk(group > 0 ? group : 1));
        cout_g = hln__ga_dv(ga, w->dims[1]);
    } else {
        out[1] = hln__ga_du();
        cout_g = 1;
        ga->exact = 0;
    }
    for (i = 0; i < sp; i++) {
        int64_t k = w && w->rank == x->rank && w->dims[2 + i].value >= 0 ? w->dims[2 + i].value : (nk == sp ? ks[i] : 1);
        int64_t s = ns == sp ? st[i] : 1, d = nd == sp ? dil[i] : 1, op = nop == sp ? opad[i] : 0;
        int64_t pb = np == 2 * sp ? pads[i] : 0, pe = np == 2 * sp ? pads[sp + i] : 0;
        hln_dim in = x->dims[2 + i];
        if (nos >= sp) out[2 + i] = hln__ga_dk(oshape[nos - sp + i]);
        else if (in.value < 0) out[2 + i] = hln__ga_du();
        else if (strcmp(auto_pad, "SAME_UPPER") == 0 || strcmp(auto_pad, "SAME_LOWER") == 0) out[2 + i] = hln__ga_dk(hln__ga_smul(in.value, s));
        else {
            int64_t o = hln__ga_ssub(hln__ga_ssub(hln__ga_sadd(hln__ga_sadd(hln__ga_smul(s, in.value - 1), op), hln__ga_sadd(hln__ga_smul(k - 1, d), 1)), pb), pe);
            out[2 + i] = hln__ga_dk(o > 0 ? o : 0);
        }
        kprod = hln__ga_mul(kprod, (uint64_t)(k > 0 ? k : 1));
        insp = hln__ga_mul(insp, hln__ga_dv(ga, in));
    }
    /* every input element scatters into Cout/groups * prod(kernel) outputs */
    n->macs = hln__ga_mul(hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, x->dims[0]), hln__ga_dv(ga, x->dims[1])), insp), hln__ga_mul(cout_g, kprod));
    n->flops = hln__ga_mul(n->macs, 2);
    if (hln__ga_inval(gs, n, 2)) {
        uint64_t oe = hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, out[1]));
        for (i = 0; i < sp; i++) oe = hln__ga_mul(oe, hln__ga_dv(ga, out[2 + i]));
        n->flops = hln__ga_add(n->flops, oe);
    }
    hln__ga_out(ga, gs, n, 0, dt, x->rank, out);
}

static void hln__ga_infer_matmul(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int kind) {
    uint32_t ai = 0, bi = kind == HLN__GA_OP_QLINEAR_MATMUL ? 3 : 1;
    const hln_shape *a = hln__ga_in(gs, n, ai), *b = hln__ga_in(gs, n, bi);
    hln_shape ab, bb;
    hln_dim ad[HLN_MAX_DIMS], bd[HLN_MAX_DIMS], out[HLN_MAX_DIMS], M, K, N;
    int32_t r, i, ra, rb;
    int sq_m = 0, sq_n = 0;
    uint64_t batch = 1;
    hln_dtype dt = kind == HLN__GA_OP_MATMUL_INT ? HLN_DTYPE_I32 : kind == HLN__GA_OP_QLINEAR_MATMUL ? hln__ga_indt(gs, n, 7) : hln__ga_indt(gs, n, 0);
    if (!a || !b || a->rank < 1 || b->rank < 1 || a->rank >= HLN_MAX_DIMS || b->rank >= HLN_MAX_DIMS) {
        ga->exact = 0;
        hln__ga_out(ga, gs, n, 0, dt, -1, NULL);
        return;
    }
    ra = a->rank;
    rb = b->rank;
    memcpy(ad, a->dims, (size_t)ra * sizeof *ad);
    memcpy(bd, b->dims, (size_t)rb * sizeof *bd);
    if (ra == 1) { ad[1] = ad[0]; ad[0] = hln__ga_dk(1); ra = 2; sq_m = 1; }
    if (rb == 1) { bd[1] = hln__ga_dk(1); rb = 2; sq_n = 1; }
    M = ad[ra - 2];
    K = ad[ra - 1];
    N = bd[rb - 1];
    ab.rank = ra - 2; ab.dims = ad;
    bb.rank = rb - 2; bb.dims = bd;
    r = hln__ga_broadcast(&ab, &bb, out);
    if (r < 0) r = 0;
    for (i = 0; i < r; i++) batch = hln__ga_mul(batch, hln__ga_dv(ga, out[i]));
    if (!sq_m) out[r++] = M;
    if (!sq_n) out[r++] = N;
    n->macs = hln__ga_mul(hln__ga_mul(batch, hln__ga_dv(ga, M)), hln__ga_mul(hln__ga_dv(ga, N), hln__ga_dv(ga, K)));
    n->flops = hln__ga_mul(n->macs, 2);
    hln__ga_out(ga, gs, n, 0, dt, r, out);
}

static void hln__ga_infer_gemm(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const hln_shape *a = hln__ga_in(gs, n, 0), *b = hln__ga_in(gs, n, 1);
    int ta = hln__ga_attr_i(n, "transA", 0) != 0, tb = hln__ga_attr_i(n, "transB", 0) != 0;
    hln_dim out[2], K;
    if (!a || !b || a->rank != 2 || b->rank != 2) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
    out[0] = ta ? a->dims[1] : a->dims[0];
    K = ta ? a->dims[0] : a->dims[1];
    out[1] = tb ? b->dims[0] : b->dims[1];
    n->macs = hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, out[1])), hln__ga_dv(ga, K));
    n->flops = hln__ga_mul(n->macs, 2);
    if (hln__ga_inval(gs, n, 2)) n->flops = hln__ga_add(n->flops, hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, out[1])));
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), 2, out);
}

static void hln__ga_infer_pool(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def) {
    const hln_shape *x = hln__ga_in(gs, n, 0);
    int32_t nk, ns, np, nd, i, sp;
    const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &nk), *st = hln__ga_attr_ints(n, "strides", &ns);
    const int64_t *pads = hln__ga_attr_ints(n, "pads", &np), *dil = hln__ga_attr_ints(n, "dilations", &nd);
    const char *auto_pad = hln__ga_attr_s(n, "auto_pad", "NOTSET");
    int ceil_mode = hln__ga_attr_i(n, "ceil_mode", 0) != 0;
    hln_dim out[HLN_MAX_DIMS];
    uint64_t kprod = 1;
    if (!x || x->rank < 3 || nk != x->rank - 2) { hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
    sp = x->rank - 2;
    out[0] = x->dims[0];
    out[1] = x->dims[1];
    for (i = 0; i < sp; i++) {
        out[2 + i] = hln__ga_window(x->dims[2 + i], ks[i], ns == sp ? st[i] : 1, nd == sp ? dil[i] : 1,
                                 np == 2 * sp ? pads[i] : 0, np == 2 * sp ? pads[sp + i] : 0, auto_pad, ceil_mode);
        kprod = hln__ga_mul(kprod, (uint64_t)(ks[i] > 0 ? ks[i] : 1));
    }
    {
        hln_shape s;
        s.rank = x->rank;
        s.dims = out;
        n->flops = hln__ga_mul(hln__ga_mul(hln__ga_elems(ga, &s), kprod), def->flops);
    }
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), x->rank, out);
    if (n->n_outputs > 1) hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, x->rank, out);   /* MaxPool indices */
}

/* Resize/Upsample: sizes (input 3), else scales (input 2, Upsample and Resize-10 input 1, or
   the attribute) over every axis or the axes attribute (Resize-18); output = floor(in * scale).
   A keep_aspect_ratio_policy other than "stretch" or unknown values leave the dims unknown. */
static void hln__ga_infer_resize(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int upsample) {
    const hln_shape *x = hln__ga_in(gs, n, 0);
    hln_dim out[HLN_MAX_DIMS];
    int64_t sizes[HLN_MAX_DIMS], axes[HLN_MAX_DIMS];
    double scales[HLN_MAX_DIMS];
    int32_t len = -1, i, n_axes;
    const char *mode = hln__ga_attr_s(n, "mode", "nearest");
    const int64_t *ax = hln__ga_attr_ints(n, "axes", &n_axes);
    int ok = 0;
    if (!x || x->rank > HLN_MAX_DIMS) { hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
    if (!ax || n_axes > x->rank) n_axes = x->rank;
    for (i = 0; i < n_axes; i++) axes[i] = ax ? hln__ga_axis(ax[i], x->rank) : i;
    memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
    if (!upsample && n->n_inputs >= 4 && hln__ga_incv_ints(gs, n, 3, sizes, HLN_MAX_DIMS, &len) && len == n_axes) {
        if (strcmp(hln__ga_attr_s(n, "keep_aspect_ratio_policy", "stretch"), "stretch") == 0) {
            for (i = 0; i < len; i++) if (axes[i] >= 0 && axes[i] < x->rank) out[axes[i]] = hln__ga_dk(sizes[i]);
            ok = 1;
        }
    } else {
        uint32_t si = (upsample || n->n_inputs == 2) ? 1 : 2;
        const hln_attr *sa = hln__ga_attr(n, "scales");
        if (hln__ga_intensor_f64(ga, gs, n, si, scales, HLN_MAX_DIMS, &len) && len == n_axes) ok = 1;
        else if (sa && sa->type == HLN_ATTR_FLOATS && (int32_t)sa->count == n_axes) {
            for (i = 0; i < n_axes; i++) scales[i] = sa->floats[i];
            ok = 1;
        }
        for (i = 0; ok && i < n_axes; i++) {
            int64_t o, a = axes[i];
            if (a < 0 || a >= x->rank) continue;
            if (x->dims[a].value >= 0)
                out[a] = hln__ga_to_i64((double)x->dims[a].value * scales[i] + 1e-9, &o) && o >= 0 ? hln__ga_dk(o) : hln__ga_du();
            else if (scales[i] != 1.0) out[a] = hln__ga_du();
        }
    }
    if (!ok) for (i = 0; i < x->rank; i++) out[i] = hln__ga_du();   /* no sizes or scales known: any axis may scale */
    {
        hln_shape s;
        s.rank = x->rank;
        s.dims = out;
        n->flops = hln__ga_mul(hln__ga_elems(ga, &s), strcmp(mode, "nearest") == 0 ? 1 : strcmp(mode, "cubic") == 0 ? 16 : 4);
    }
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), x->rank, out);
}

static void hln__ga_infer_rnn(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int kind) {
    const hln_shape *x = hln__ga_in(gs, n, 0), *w = hln__ga_in(gs, n, 1);
    int layout = hln__ga_attr_i(n, "layout", 0) != 0;
    const char *dir = hln__ga_attr_s(n, "direction", "forward");
    int64_t hidden = hln__ga_attr_i(n, "hidden_size", -1), gates = kind == HLN__GA_OP_LSTM ? 4 : kind == HLN__GA_OP_GRU ? 3 : 1;
    int64_t ndir = strcmp(dir, "bidirectional") == 0 ? 2 : 1;
    hln_dim S, B, I, H, y[4], yh[3];
    uint64_t steps;
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    if (!x || x->rank != 3) { ga->exact = 0; return; }
    S = layout ? x->dims[1] : x->dims[0];
    B = layout ? x->dims[0] : x->dims[1];
    I = x->dims[2];
    if (hidden > 0) H = hln__ga_dk(hidden);
    else if (w && w->rank == 3 && w->dims[1].value > 0) H = hln__ga_dk(w->dims[1].value / gates);
    else H = hln__ga_du();
    steps = hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, S), (uint64_t)ndir), hln__ga_dv(ga, B));
    /* every gate, every timestep, every direction: W x_t and R h_{t-1} */
    n->macs = hln__ga_mul(steps, hln__ga_mul(hln__ga_mul((uint64_t)gates, hln__ga_dv(ga, H)), hln__ga_add(hln__ga_dv(ga, I), hln__ga_dv(ga, H))));
    n->flops = hln__ga_add(hln__ga_mul(n->macs, 2),
                        hln__ga_mul(hln__ga_mul(steps, hln__ga_dv(ga, H)), kind == HLN__GA_OP_LSTM ? 17 : kind == HLN__GA_OP_GRU ? 13 : 3));
    if (layout) { y[0] = B; y[1] = S; y[2] = hln__ga_dk(ndir); y[3] = H; yh[0] = B; yh[1] = hln__ga_dk(ndir); yh[2] = H; }
    else { y[0] = S; y[1] = hln__ga_dk(ndir); y[2] = B; y[3] = H; yh[0] = hln__ga_dk(ndir); yh[1] = B; yh[2] = H; }
    hln__ga_out(ga, gs, n, 0, dt, 4, y);
    hln__ga_out(ga, gs, n, 1, dt, 3, yh);
    if (kind == HLN__GA_OP_LSTM) hln__ga_out(ga, gs, n, 2, dt, 3, yh);
}

/* Einsum: letters name dims; "..." stands for the dims no letter names, broadcast across the
   operands; with no "->" the output is "..." then the letters used once, in order. */
static void hln__ga_infer_einsum(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const char *eq = hln__ga_attr_s(n, "equation", ""), *p = eq, *arrow = strstr(eq, "->");
    hln_dim letter[128], ell[HLN_MAX_DIMS], out[HLN_MAX_DIMS];
    int seen[128], count[128];
    uint32_t op = 0;
    int32_t i, r = 0, n_ell = 0;
    uint64_t prod = 1;
    memset(seen, 0, sizeof seen);
    memset(count, 0, sizeof count);
    for (i = 0; i < 128; i++) letter[i] = hln__ga_du();
    while (*p && p != arrow) {   /* operands */
        const hln_shape *s = hln__ga_in(gs, n, op);
        int32_t k = 0, letters = 0;
        const char *q;
        for (q = p; *q && *q != ',' && q != arrow; q++) letters += (unsigned char)*q < 128 && *q != ' ' && *q != '.';
        while (*p && *p != ',' && p != arrow) {
            int c = (unsigned char)*p;
            if (p[0] == '.' && p[1] == '.' && p[2] == '.') {   /* the dims no letter names */
                hln_shape a, b;
                hln_dim tmp[HLN_MAX_DIMS];
                int32_t m = s ? s->rank - letters : -1;
                if (m < 0) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
                a.rank = n_ell; a.dims = ell;
                b.rank = m; b.dims = s->dims + k;
                n_ell = hln__ga_broadcast(&a, &b, tmp);
                if (n_ell < 0) return;
                memcpy(ell, tmp, (size_t)n_ell * sizeof *ell);
                k += m;
                p += 3;
                continue;
            }
            if (c != ' ' && c < 128) {
                if (s && k < s->rank && (!seen[c] || (letter[c].value < 0 && s->dims[k].value >= 0))) letter[c] = s->dims[k];
                seen[c] = 1;
                count[c]++;
                k++;
            }
            p++;
        }
        op++;
        if (*p == ',') p++;
    }
    if (arrow) {
        for (p = arrow + 2; *p && r < HLN_MAX_DIMS; p++) {
            int c = (unsigned char)*p;
            if (p[0] == '.' && p[1] == '.' && p[2] == '.') {
                if (r + n_ell > HLN_MAX_DIMS) return;
                memcpy(out + r, ell, (size_t)n_ell * sizeof *out);
                r += n_ell;
                p += 2;
            } else if (c < 128 && seen[c]) out[r++] = letter[c];
        }
    } else {
        memcpy(out, ell, (size_t)n_ell * sizeof *out);
        r = n_ell;
        for (i = 0; i < 128 && r < HLN_MAX_DIMS; i++) if (count[i] == 1) out[r++] = letter[i];
    }
    for (i = 0; i < 128; i++) if (seen[i]) prod = hln__ga_mul(prod, hln__ga_dv(ga, letter[i]));
    for (i = 0; i < n_ell; i++) prod = hln__ga_mul(prod, hln__ga_dv(ga, ell[i]));
    if (op >= 2) { n->macs = prod; n->flops = hln__ga_mul(prod, 2); }
    else n->flops = prod;
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), r, out);
}

/* Dims equal in both shapes, unknown where they differ; rank -1 when the ranks differ. */
static int32_t hln__ga_merge(const hln_shape *a, const hln_shape *b, hln_dim *out) {
    int32_t i;
    if (!a || !b || a->rank != b->rank || a->rank > HLN_MAX_DIMS) return -1;
    for (i = 0; i < a->rank; i++) out[i] = hln__ga_dsame(a->dims[i], b->dims[i]) ? a->dims[i] : hln__ga_du();
    return a->rank;
}

/* One integer of a constant scalar (or 1-element) input. */
static int hln__ga_incv_int(hln__ga_gs *gs, const hln_node *n, uint32_t k, int64_t *v) {
    int32_t len;
    return hln__ga_incv_ints(gs, n, k, v, 1, &len) && len == 1;
}

/* Output k shaped like input i (same dtype). */
static void hln__ga_out_as_in(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, uint32_t i) {
    hln__ga_out_like(ga, gs, n, k, hln__ga_indt(gs, n, i), hln__ga_in(gs, n, i));
}

/* The ops after the common families: losses, signal, sequences and optionals, training,
   strings, ai.onnx.ml. Exact where the spec fixes the shape, else unknown dims. */
static void hln__ga_infer_rest(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def) {
    const hln_shape *x = hln__ga_in(gs, n, 0), *y = hln__ga_in(gs, n, 1);
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    hln_dim out[HLN_MAX_DIMS + 1];
    int64_t ints[HLN_MAX_DIMS], v;
    int32_t r = -1, i, len, cnt;
    const int64_t *a;
    uint32_t k;
    switch (def->kind) {
    case HLN__GA_OP_NLL_LOSS: case HLN__GA_OP_SCE_LOSS:   /* reduction "none": per-element loss, else a scalar */
        if (strcmp(hln__ga_attr_s(n, "reduction", "mean"), "none") != 0) r = 0;
        else if (y) { r = y->rank; memcpy(out, y->dims, (size_t)r * sizeof *out); }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if (def->kind == HLN__GA_OP_SCE_LOSS) hln__ga_out_as_in(ga, gs, n, 1, 0);   /* log_prob */
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    case HLN__GA_OP_GRID_SAMPLE:   /* X [N, C, D...], grid [N, D_out..., r]: [N, C, D_out...] */
        if (x && y && x->rank == y->rank && x->rank >= 3) {
            r = x->rank;
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            for (i = 2; i < r; i++) out[i] = y->dims[i - 1];
        }
        break;
    case HLN__GA_OP_ROI_POOL:   /* [num_rois, C, out_h, out_w] */
        if (x && y && x->rank == 4 && y->rank == 2) {
            a = hln__ga_attr_ints(n, "pooled_shape", &cnt);
            out[0] = y->dims[0];
            out[1] = x->dims[1];
            if (strcmp(n->op_type, "RoiAlign") == 0) {
                out[2] = hln__ga_dk(hln__ga_attr_i(n, "output_height", 1));
                out[3] = hln__ga_dk(hln__ga_attr_i(n, "output_width", 1));
                r = 4;
            } else if (a && cnt == 2) { out[2] = hln__ga_dk(a[0]); out[3] = hln__ga_dk(a[1]); r = 4; }
        }
        break;
    case HLN__GA_OP_DET:
        if (x && x->rank >= 2) { r = x->rank - 2; memcpy(out, x->dims, (size_t)r * sizeof *out); }
        break;
    case HLN__GA_OP_DFT:
        if (x && x->rank >= 2) {
            int onesided = hln__ga_attr_i(n, "onesided", 0) != 0, has_len = hln__ga_inval(gs, n, 1) != NULL;
            int64_t axis = -1, dlen = -1;
            /* DFT-17 takes the axis as an attribute (default 1), DFT-20 as input 2 (default -2) */
            if (hln__ga_inval(gs, n, 2)) { if (hln__ga_incv_int(gs, n, 2, &v)) axis = v < 0 ? v + x->rank : v; }
            else if (hln__ga_attr(n, "axis")) { axis = hln__ga_attr_i(n, "axis", 1); if (axis < 0) axis += x->rank; }
            else if (x->rank == 3) axis = 1;
            if (has_len && hln__ga_incv_int(gs, n, 1, &v)) dlen = v;
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            out[r - 1] = hln__ga_dk(2);
            if (axis >= 0 && axis < r - 1) {
                hln_dim d = has_len ? (dlen >= 0 ? hln__ga_dk(dlen) : hln__ga_du()) : x->dims[axis];
                out[axis] = !onesided ? d : d.value >= 0 ? hln__ga_dk(d.value / 2 + 1) : hln__ga_du();
            } else if (onesided || has_len) {
                out[1] = hln__ga_du();
                out[r - 2] = hln__ga_du();
            }
        }
        break;
    case HLN__GA_OP_STFT:   /* signal [batch, length, 1|2]: [batch, frames, bins, 2] */
        if (x && x->rank == 3) {
            const hln_shape *w = hln__ga_in(gs, n, 2);
            int64_t step = -1, fl = -1;
            hln__ga_incv_int(gs, n, 1, &step);
            if (hln__ga_inval(gs, n, 3)) { if (!hln__ga_incv_int(gs, n, 3, &fl)) fl = -1; }
            else if (w && w->rank == 1) fl = w->dims[0].value;
            r = 4;
            out[0] = x->dims[0];
            out[1] = step > 0 && fl > 0 && x->dims[1].value >= fl ? hln__ga_dk((x->dims[1].value - fl) / step + 1) : hln__ga_du();
            out[2] = fl < 0 ? hln__ga_du() : hln__ga_dk(hln__ga_attr_i(n, "onesided", 1) ? fl / 2 + 1 : fl);
            out[3] = hln__ga_dk(2);
        }
        break;
    case HLN__GA_OP_MAX_UNPOOL:
        if (x && x->rank >= 3) {
            int32_t ns, np, sp = x->rank - 2;
            const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &cnt), *st = hln__ga_attr_ints(n, "strides", &ns);
            const int64_t *pads = hln__ga_attr_ints(n, "pads", &np);
            r = x->rank;
            if (hln__ga_inval(gs, n, 2)) {   /* output_shape given: only its value says */
                if (hln__ga_incv_ints(gs, n, 2, ints, HLN_MAX_DIMS, &len) && len == r) for (i = 0; i < r; i++) out[i] = hln__ga_dk(ints[i]);
                else for (i = 0; i < r; i++) out[i] = hln__ga_du();
                break;
            }
            if (!ks || cnt != sp) { r = -1; break; }
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            for (i = 0; i < sp; i++) {
                int64_t s = ns == sp ? st[i] : 1, in = x->dims[2 + i].value;
                int64_t o = hln__ga_ssub(hln__ga_ssub(hln__ga_sadd(hln__ga_smul(in - 1, s), ks[i]), np == 2 * sp ? pads[i] : 0),
                                         np == 2 * sp ? pads[sp + i] : 0);
                out[2 + i] = in >= 0 && o >= 0 ? hln__ga_dk(o) : hln__ga_du();
            }
        }
        break;
    case HLN__GA_OP_TFIDF:   /* [C] -> [max(ngram_indexes) + 1], [N, C] -> [N, ...] */
        a = hln__ga_attr_ints(n, "ngram_indexes", &cnt);
        if (x && (x->rank == 1 || x->rank == 2) && a) {
            int64_t mx = -1;
            for (i = 0; i < cnt; i++) if (a[i] > mx) mx = a[i];
            r = x->rank;
            out[0] = x->dims[0];
            out[r - 1] = hln__ga_dk(mx + 1);
        }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_F32, r, out);
        return;
    case HLN__GA_OP_SEQ_LENGTH:
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 0, NULL);
        return;
    case HLN__GA_OP_OPT_HAS:
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_BOOL, 0, NULL);
        return;
    case HLN__GA_OP_SEQ_ELEMENT:   /* a sequence's (optional's) shape is its elements' */
        hln__ga_out_like(ga, gs, n, 0, dt, x);
        return;
    case HLN__GA_OP_SEQ_MAKE: {   /* elements: where every input agrees */
        const hln_shape *acc = x;
        hln_shape tmp;
        for (k = strcmp(n->op_type, "Optional") == 0 ? n->n_inputs : 1; k < n->n_inputs && acc; k++) {
            if (strcmp(n->op_type, "SequenceInsert") == 0 && k == 2) break;   /* the position */
            r = hln__ga_merge(acc, hln__ga_in(gs, n, k), out);
            tmp.rank = r;
            tmp.dims = out;
            acc = r >= 0 ? &tmp : NULL;
        }
        hln__ga_out_like(ga, gs, n, 0, dt, acc);
        return;
    }
    case HLN__GA_OP_SEQ_CONCAT:
        if (x) {
            int64_t axis = hln__ga_attr_i(n, "axis", 0);
            int insert = strcmp(n->op_type, "ConcatFromSequence") == 0 ? hln__ga_attr_i(n, "new_axis", 0) != 0 : 0;
            int split = strcmp(n->op_type, "SplitToSequence") == 0;
            r = x->rank + insert;
            axis = hln__ga_axis(axis, r);
            if (axis < 0 || axis >= r || r > HLN_MAX_DIMS) { r = -1; break; }
            for (i = 0, k = 0; i < r; i++) out[i] = i == axis && insert ? hln__ga_du() : x->dims[k++];
            out[axis] = hln__ga_du();
            if (split && !hln__ga_inval(gs, n, 1)) {   /* no split: chunks of 1 */
                if (hln__ga_attr_i(n, "keepdims", 1)) out[axis] = hln__ga_dk(1);
                else { memmove(out + axis, out + axis + 1, (size_t)(r - axis - 1) * sizeof *out); r--; }
            }
        }
        break;
    case HLN__GA_OP_OPTIMIZER:   /* (R, T, X..., G..., state...): output k is input k + 2 updated */
        for (k = 0; k < n->n_outputs; k++) hln__ga_out_as_in(ga, gs, n, k, k + 2);
        return;
    case HLN__GA_OP_NMS:
        out[0] = hln__ga_du();
        out[1] = hln__ga_dk(3);
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 2, out);
        return;
    case HLN__GA_OP_UNIQUE: {
        hln_dim u = hln__ga_du(), flat = hln__ga_dk(1);
        if (!x) return;
        if (hln__ga_attr(n, "axis")) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis < 0 || axis >= x->rank) return;
            memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
            out[axis] = u;
            hln__ga_out(ga, gs, n, 0, dt, x->rank, out);
            flat = x->dims[axis];
        } else {
            hln__ga_out(ga, gs, n, 0, dt, 1, &u);
            for (i = 0; i < x->rank; i++) flat = hln__ga_dmul(flat, x->dims[i]);
        }
        hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, 1, &u);
        hln__ga_out(ga, gs, n, 2, HLN_DTYPE_I64, 1, &flat);
        hln__ga_out(ga, gs, n, 3, HLN_DTYPE_I64, 1, &u);
        return;
    }
    case HLN__GA_OP_STRING_NORM:   /* [C] or [1, C]: stopwords change C */
        if (x && (x->rank == 1 || x->rank == 2)) { r = x->rank; out[0] = x->dims[0]; out[r - 1] = hln__ga_du(); }
        break;
    case HLN__GA_OP_STRING_SPLIT:
        if (x && x->rank < HLN_MAX_DIMS) {
            memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
            out[x->rank] = hln__ga_du();
            hln__ga_out(ga, gs, n, 0, HLN_DTYPE_STRING, x->rank + 1, out);
            hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, x->rank, x->dims);
        }
        return;
    case HLN__GA_OP_COMPRESS:
        out[0] = hln__ga_du();
        r = 1;
        if (x && hln__ga_attr(n, "axis")) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis < 0 || axis >= x->rank) { r = -1; break; }
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            out[axis] = hln__ga_du();
        }
        break;
    case HLN__GA_OP_WINDOW:
        out[0] = hln__ga_incv_int(gs, n, 0, &v) && v >= 0 ? hln__ga_dk(v) : hln__ga_du();
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "output_datatype", 1)), 1, out);
        return;
    case HLN__GA_OP_MEL: {   /* (num_mel_bins, dft_length, ...): [dft_length / 2 + 1, num_mel_bins] */
        int64_t bins = -1, dl = -1;
        hln__ga_incv_int(gs, n, 0, &bins);
        hln__ga_incv_int(gs, n, 1, &dl);
        out[0] = dl >= 0 ? hln__ga_dk(dl / 2 + 1) : hln__ga_du();
        out[1] = bins >= 0 ? hln__ga_dk(bins) : hln__ga_du();
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "output_datatype", 1)), 2, out);
        return;
    }
    case HLN__GA_OP_AFFINE_GRID:   /* size [N, C, H, W] -> [N, H, W, 2]; [N, C, D, H, W] -> [N, D, H, W, 3] */
        if (hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &len) && (len == 4 || len == 5)) {
            out[0] = hln__ga_dk(ints[0]);
            for (i = 2; i < len; i++) out[i - 1] = hln__ga_dk(ints[i]);
            out[len - 1] = hln__ga_dk(len - 2);
            r = len;
        }
        break;
    case HLN__GA_OP_CROP_PAD:
        if (x && hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &len)) {
            a = hln__ga_attr_ints(n, "axes", &cnt);
            if (!a) cnt = x->rank;
            if (cnt != len) break;
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            for (i = 0; i < len; i++) {
                int64_t ax = a ? hln__ga_axis(a[i], r) : i;
                if (ax >= 0 && ax < r) out[ax] = hln__ga_dk(ints[i]);
            }
        }
        break;
    case HLN__GA_OP_COL2IM: {   /* [N, C * prod(block), L] -> [N, C, image...] */
        int64_t blk[HLN_MAX_DIMS], prod = 1;
        int32_t nb;
        if (x && x->rank == 3 && hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS - 2, &len) &&
            hln__ga_incv_ints(gs, n, 2, blk, HLN_MAX_DIMS, &nb) && nb == len) {
            for (i = 0; i < nb; i++) prod = hln__ga_smul(prod, blk[i]);
            out[0] = x->dims[0];
            out[1] = x->dims[1].value >= 0 && prod > 0 && x->dims[1].value % prod == 0 ? hln__ga_dk(x->dims[1].value / prod) : hln__ga_du();
            for (i = 0; i < len; i++) out[2 + i] = hln__ga_dk(ints[i]);
            r = len + 2;
        }
        break;
    }
    case HLN__GA_OP_DEFORM_CONV: hln__ga_infer_conv(ga, gs, n, def->kind); return;
    case HLN__GA_OP_IMAGE_DECODE:
        out[0] = out[1] = hln__ga_du();
        out[2] = hln__ga_dk(strcmp(hln__ga_attr_s(n, "pixel_format", "RGB"), "Grayscale") == 0 ? 1 : 3);
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_U8, 3, out);
        return;
    case HLN__GA_OP_MULTINOMIAL:
        if (x && x->rank == 2) { out[0] = x->dims[0]; out[1] = hln__ga_dk(hln__ga_attr_i(n, "sample_size", 1)); r = 2; }
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "dtype", 6)), r, out);
        return;
    case HLN__GA_OP_RANDOM:
        a = hln__ga_attr_ints(n, "shape", &cnt);
        if (a && cnt <= HLN_MAX_DIMS) { for (i = 0; i < cnt; i++) out[i] = a[i] >= 0 ? hln__ga_dk(a[i]) : hln__ga_du(); r = cnt; }
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "dtype", 1)), r, out);
        return;
    case HLN__GA_OP_LIKE_BOOL:
        hln__ga_out_like(ga, gs, n, 0, HLN_DTYPE_BOOL, x);
        return;
    case HLN__GA_OP_LIKE_STRING:
        r = hln__ga_broadcast(x, y, out);
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_STRING, r, out);
        return;
    case HLN__GA_OP_ML_SAME: {
        hln_dtype o = dt;
        if (strcmp(n->op_type, "Normalizer") == 0 || strcmp(n->op_type, "Scaler") == 0) o = HLN_DTYPE_F32;
        else if (strcmp(n->op_type, "CategoryMapper") == 0) o = dt == HLN_DTYPE_STRING ? HLN_DTYPE_I64 : HLN_DTYPE_STRING;
        else if (strcmp(n->op_type, "LabelEncoder") == 0)
            o = hln__ga_attr(n, "values_strings") ? HLN_DTYPE_STRING : hln__ga_attr(n, "values_int64s") ? HLN_DTYPE_I64
              : hln__ga_attr(n, "values_floats") ? HLN_DTYPE_F32 : HLN_DTYPE_UNKNOWN;
        hln__ga_out_like(ga, gs, n, 0, o, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    }
    case HLN__GA_OP_ML_ROWS: {   /* [N, C] -> [N, targets] */
        int64_t t = strcmp(n->op_type, "LinearRegressor") == 0 ? hln__ga_attr_i(n, "targets", 1)
                  : strcmp(n->op_type, "SVMRegressor") == 0 ? -1 : hln__ga_attr_i(n, "n_targets", -1);
        if (x && x->rank == 2) { out[0] = x->dims[0]; out[1] = t >= 0 ? hln__ga_dk(t) : hln__ga_du(); r = 2; }
        hln__ga_out(ga, gs, n, 0, strcmp(n->op_type, "TreeEnsemble") == 0 ? dt : HLN_DTYPE_F32, r, out);
        return;
    }
    case HLN__GA_OP_ML_CLASSIFY:   /* labels [N], scores [N, classes] */
        if (x && x->rank == 2) {
            out[0] = x->dims[0];
            out[1] = hln__ga_du();
            hln__ga_out(ga, gs, n, 0, hln__ga_attr(n, "classlabels_strings") ? HLN_DTYPE_STRING : HLN_DTYPE_I64, 1, out);
            hln__ga_out(ga, gs, n, 1, HLN_DTYPE_F32, 2, out);
        }
        return;
    case HLN__GA_OP_ML_ONEHOT:
        a = hln__ga_attr_ints(n, "cats_int64s", &cnt);
        if (!a) { const hln_attr *sa = hln__ga_attr(n, "cats_strings"); cnt = sa && sa->type == HLN_ATTR_STRINGS ? (int32_t)sa->count : -1; }
        if (x && cnt >= 0 && x->rank < HLN_MAX_DIMS) {
            r = x->rank + 1;
            memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
            out[x->rank] = hln__ga_dk(cnt);
        }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_F32, r, out);
        return;
    case HLN__GA_OP_ML_FEATURES: {   /* [N, sum(inputdimensions)] */
        int64_t sum = 0;
        a = hln__ga_attr_ints(n, "inputdimensions", &cnt);
        if (x && x->rank == 2 && a) {
            for (i = 0; i < cnt; i++) sum = hln__ga_sadd(sum, a[i]);
            out[0] = x->dims[0];
            out[1] = sum >= 0 ? hln__ga_dk(sum) : hln__ga_du();
            r = 2;
        }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_F32, r, out);
        return;
    }
    case HLN__GA_OP_ML_EXTRACT:   /* X [..., C], indices Y: [..., numel(Y)] (rank 1 X: unknown) */
        if (x && y && x->rank >= 2) {
            hln_dim e = hln__ga_dk(1);
            for (i = 0; i < y->rank; i++) e = hln__ga_dmul(e, y->dims[i]);
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            out[r - 1] = e;
        }
        break;
    default:
        return;   /* HLN__GA_OP_UNKNOWN and ops outside the table: outputs keep their declared shapes */
    }
    hln__ga_out(ga, gs, n, 0, dt, r, out);
    if (def->flops && r >= 0) {   /* per output element */
        hln_shape os;
        os.rank = r;
        os.dims = out;
        n->flops = hln__ga_mul(hln__ga_elems(ga, &os), def->flops);
    }
}

/* Constant folding of integer values (shape arithmetic): the elementwise ops on int64
   values, with ONNX's integer semantics; 0 when the op or the operands do not fold exactly. */
static int hln__ga_fold_unary(const char *op, const hln__ga_cv *in, int32_t len, hln__ga_cv *out) {
    int32_t i;
    int kind = strcmp(op, "Neg") == 0 ? 1 : strcmp(op, "Abs") == 0 ? 2 : strcmp(op, "Sign") == 0 ? 3 : strcmp(op, "Relu") == 0 ? 4
             : strcmp(op, "Not") == 0 ? 5 : strcmp(op, "BitwiseNot") == 0 ? 6
             : (strcmp(op, "Identity") == 0 || strcmp(op, "Floor") == 0 || strcmp(op, "Ceil") == 0 || strcmp(op, "Round") == 0) ? 7 : 0;
    if (!kind) return 0;
    for (i = 0; i < len; i++) {
        int64_t v = in[i].v;
        out[i] = in[i];
        if (kind == 7) continue;   /* integers: unchanged, symbols too */
        out[i].sym = NULL;
        if (!in[i].known) continue;
        out[i].v = kind == 1 ? hln__ga_ssub(0, v) : kind == 2 ? (v < 0 ? hln__ga_ssub(0, v) : v) : kind == 3 ? (v > 0) - (v < 0)
                 : kind == 4 ? (v > 0 ? v : 0) : kind == 5 ? !v : (int64_t)~(uint64_t)v;
    }
    return 1;
}
static int hln__ga_fold_binary(const hln_node *n, int64_t a, int64_t b, int64_t *r) {
    const char *op = n->op_type;
    if (strcmp(op, "Add") == 0) *r = hln__ga_sadd(a, b);
    else if (strcmp(op, "Sub") == 0) *r = hln__ga_ssub(a, b);
    else if (strcmp(op, "Mul") == 0) *r = hln__ga_smul(a, b);
    else if (strcmp(op, "Div") == 0 || strcmp(op, "Mod") == 0) {
        if (b == 0 || (b == -1 && a == INT64_MIN)) return 0;
        if (op[0] == 'D') *r = a / b;   /* truncation, as the reference and runtimes do for integers */
        else {
            *r = a % b;   /* Mod: fmod = 0 takes the divisor's sign, fmod = 1 the dividend's (C's %) */
            if (!hln__ga_attr_i(n, "fmod", 0) && *r != 0 && ((*r < 0) != (b < 0))) *r += b;
        }
    } else if (strcmp(op, "Max") == 0) *r = a > b ? a : b;
    else if (strcmp(op, "Min") == 0) *r = a < b ? a : b;
    else if (strcmp(op, "Pow") == 0) {
        int64_t p = 1, e;
        if (b < 0 || b > 64) return 0;
        for (e = 0; e < b; e++) p = hln__ga_smul(p, a);
        *r = p;
    } else if (strcmp(op, "BitwiseAnd") == 0) *r = a & b;
    else if (strcmp(op, "BitwiseOr") == 0) *r = a | b;
    else if (strcmp(op, "BitwiseXor") == 0) *r = a ^ b;
    else if (strcmp(op, "Equal") == 0) *r = a == b;
    else if (strcmp(op, "Less") == 0) *r = a < b;
    else if (strcmp(op, "Greater") == 0) *r = a > b;
    else if (strcmp(op, "LessOrEqual") == 0) *r = a <= b;
    else if (strcmp(op, "GreaterOrEqual") == 0) *r = a >= b;
    else if (strcmp(op, "And") == 0) *r = a && b;
    else if (strcmp(op, "Or") == 0) *r = a || b;
    else if (strcmp(op, "Xor") == 0) *r = !a != !b;
    else return 0;
    return 1;
}

/* Axes from an INTS attribute or a constant input; count -1 when neither is known. */
static int32_t hln__ga_axes(hln__ga_gs *gs, const hln_node *n, const char *attr, uint32_t input, int64_t *axes) {
    int32_t cnt;
    const int64_t *a = hln__ga_attr_ints(n, attr, &cnt);
    if (a && cnt <= HLN_MAX_DIMS) { memcpy(axes, a, (size_t)cnt * sizeof *axes); return cnt; }
    if (hln__ga_inval(gs, n, input)) {
        if (hln__ga_incv_ints(gs, n, input, axes, HLN_MAX_DIMS, &cnt)) return cnt;
        return -2;   /* given but not known */
    }
    return -1;
}

static void hln__ga_infer_generic(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def) {
    const hln_shape *x = hln__ga_in(gs, n, 0);
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    hln_dim out[HLN_MAX_DIMS];
    hln__ga_cv cv[HLN__GA_CV_MAX];
    int32_t r = -1, i, j, len;
    int64_t ints[HLN_MAX_DIMS > HLN__GA_CV_MAX ? HLN_MAX_DIMS : HLN__GA_CV_MAX];
    const hln__ga_cv *c0;
    int32_t n0;
    int32_t o0 = n->n_outputs ? n->outputs[0] : -1;
    uint32_t k;
    out[0] = hln__ga_du();
    switch (def->kind) {
    case HLN__GA_OP_UNARY: case HLN__GA_OP_IDENTITY: case HLN__GA_OP_BOOL_UNARY: case HLN__GA_OP_SOFTMAX: case HLN__GA_OP_NORM:
    case HLN__GA_OP_BATCHNORM:
        hln__ga_out_like(ga, gs, n, 0, def->kind == HLN__GA_OP_BOOL_UNARY ? HLN_DTYPE_BOOL : dt, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        if (def->kind == HLN__GA_OP_BATCHNORM)   /* training mode: running (and saved) mean and var, [C] */
            for (k = 1; k < n->n_outputs; k++) hln__ga_out_as_in(ga, gs, n, k, 3 + (k - 1) % 2);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && hln__ga_fold_unary(n->op_type, c0, n0, cv)) hln__ga_setcv(ga, gs, o0, cv, n0);
        return;
    case HLN__GA_OP_DROPOUT:
        hln__ga_out_like(ga, gs, n, 0, dt, x);
        hln__ga_out_like(ga, gs, n, 1, HLN_DTYPE_BOOL, x);
        return;
    case HLN__GA_OP_LAYERNORM: {
        int64_t axis = hln__ga_attr_i(n, "axis", -1);
        hln__ga_out_like(ga, gs, n, 0, dt, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        if (x && n->n_outputs > 1) {
            axis = hln__ga_axis(axis, x->rank);
            for (i = 0; i < x->rank; i++) out[i] = i < axis ? x->dims[i] : hln__ga_dk(1);
            hln__ga_out(ga, gs, n, 1, HLN_DTYPE_F32, x->rank, out);
            hln__ga_out(ga, gs, n, 2, HLN_DTYPE_F32, x->rank, out);
        }
        return;
    }
    case HLN__GA_OP_BINARY: case HLN__GA_OP_COMPARE: case HLN__GA_OP_VARIADIC: case HLN__GA_OP_WHERE: {
        const hln_shape *acc = x;
        hln_shape tmp;
        hln_dim buf[HLN_MAX_DIMS];
        uint32_t k, first = def->kind == HLN__GA_OP_WHERE ? 0 : 0;
        hln_dtype odt = def->kind == HLN__GA_OP_COMPARE ? HLN_DTYPE_BOOL : def->kind == HLN__GA_OP_WHERE ? hln__ga_indt(gs, n, 1) : dt;
        for (k = first + 1; k < n->n_inputs && acc; k++) {
            r = hln__ga_broadcast(acc, hln__ga_in(gs, n, k), buf);
            if (r < 0) { acc = NULL; break; }
            memcpy(out, buf, (size_t)r * sizeof *out);
            tmp.rank = r;
            tmp.dims = out;
            acc = &tmp;
        }
        hln__ga_out_like(ga, gs, n, 0, odt, acc);
        n->flops = hln__ga_mul(hln__ga_elems(ga, acc), (uint64_t)def->flops * (n->n_inputs > 2 && def->kind == HLN__GA_OP_VARIADIC ? n->n_inputs - 1 : 1));
        /* shape arithmetic on small integer constants (two operands; hln__ga_fold_binary) */
        if ((def->kind == HLN__GA_OP_BINARY || def->kind == HLN__GA_OP_COMPARE || def->kind == HLN__GA_OP_VARIADIC) && n->n_inputs == 2) {
            const hln__ga_cv *a = hln__ga_incv(gs, n, 0, &n0), *b;
            int32_t n1;
            b = hln__ga_incv(gs, n, 1, &n1);
            if (a && b && (n0 == n1 || n0 == 1 || n1 == 1)) {
                const char *op = n->op_type;
                len = n0 > n1 ? n0 : n1;
                for (i = 0; i < len; i++) {
                    hln__ga_cv x0 = a[n0 == 1 ? 0 : i], x1 = b[n1 == 1 ? 0 : i];
                    cv[i].known = x0.known && x1.known;
                    cv[i].sym = NULL;
                    cv[i].v = 0;
                    if (cv[i].known) cv[i].known = hln__ga_fold_binary(n, x0.v, x1.v, &cv[i].v);
                    else if (x1.known && ((x1.v == 0 && (strcmp(op, "Add") == 0 || strcmp(op, "Sub") == 0)) ||
                                            (x1.v == 1 && (strcmp(op, "Mul") == 0 || strcmp(op, "Div") == 0)))) {
                        cv[i] = x0;
                    } else if (x0.known && ((x0.v == 0 && strcmp(op, "Add") == 0) || (x0.v == 1 && strcmp(op, "Mul") == 0))) {
                        cv[i] = x1;
                    }
                }
                hln__ga_setcv(ga, gs, o0, cv, len);
            }
        }
        return;
    }
    case HLN__GA_OP_MATMUL: case HLN__GA_OP_MATMUL_INT: case HLN__GA_OP_QLINEAR_MATMUL: hln__ga_infer_matmul(ga, gs, n, def->kind); return;
    case HLN__GA_OP_GEMM: hln__ga_infer_gemm(ga, gs, n); return;
    case HLN__GA_OP_CONV: case HLN__GA_OP_CONV_INT: case HLN__GA_OP_QLINEAR_CONV: hln__ga_infer_conv(ga, gs, n, def->kind); return;
    case HLN__GA_OP_CONVT: hln__ga_infer_convt(ga, gs, n); return;
    case HLN__GA_OP_POOL: hln__ga_infer_pool(ga, gs, n, def); return;
    case HLN__GA_OP_GPOOL:
        if (x && x->rank >= 2) {
            for (i = 0; i < x->rank; i++) out[i] = i < 2 ? x->dims[i] : hln__ga_dk(1);
            r = x->rank;
        }
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_RESIZE: case HLN__GA_OP_UPSAMPLE: hln__ga_infer_resize(ga, gs, n, def->kind == HLN__GA_OP_UPSAMPLE); return;
    case HLN__GA_OP_LSTM: case HLN__GA_OP_GRU: case HLN__GA_OP_RNN: hln__ga_infer_rnn(ga, gs, n, def->kind); return;
    case HLN__GA_OP_EINSUM: hln__ga_infer_einsum(ga, gs, n); return;
    case HLN__GA_OP_RESHAPE: {
        const hln__ga_cv *s = hln__ga_incv(gs, n, 1, &len);
        const hln_shape *ss = hln__ga_in(gs, n, 1);
        int allowzero = hln__ga_attr_i(n, "allowzero", 0) != 0;
        int32_t infer = -1;
        if (s && len <= HLN_MAX_DIMS) {
            r = len;
            for (i = 0; i < len; i++) {
                if (s[i].known && s[i].v == 0 && !allowzero) out[i] = x && i < x->rank ? x->dims[i] : hln__ga_du();
                else if (s[i].known && s[i].v == -1) { out[i] = hln__ga_du(); infer = i; }
                else out[i] = hln__ga_dim_of(s[i]);
            }
            if (infer >= 0 && x) out[infer] = hln__ga_reshape_infer(x, out, r, infer);
        } else if (ss && ss->rank == 1 && ss->dims[0].value >= 0 && ss->dims[0].value <= HLN_MAX_DIMS) {
            r = (int32_t)ss->dims[0].value;
            for (i = 0; i < r; i++) out[i] = hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL) hln__ga_setcv(ga, gs, o0, c0, n0);
        return;
    }
    case HLN__GA_OP_FLATTEN:
        if (x) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 1), x->rank);
            out[0] = hln__ga_dk(1);
            out[1] = hln__ga_dk(1);
            for (i = 0; i < x->rank; i++) out[i < axis ? 0 : 1] = hln__ga_dmul(out[i < axis ? 0 : 1], x->dims[i]);
            r = 2;
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_TRANSPOSE:
        if (x) {
            int32_t np;
            const int64_t *perm = hln__ga_attr_ints(n, "perm", &np);
            r = x->rank;
            for (i = 0; i < r; i++) {
                int64_t pi = np == r ? perm[i] : r - 1 - i;
                out[i] = pi >= 0 && pi < r ? x->dims[pi] : hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_SQUEEZE: case HLN__GA_OP_UNSQUEEZE: {
        int32_t na = hln__ga_axes(gs, n, "axes", 1, ints);
        if (x && def->kind == HLN__GA_OP_SQUEEZE) {
            uint8_t drop[HLN_MAX_DIMS];
            memset(drop, 0, sizeof drop);
            if (na >= 0) { for (i = 0; i < na; i++) { int64_t a = hln__ga_axis(ints[i], x->rank); if (a >= 0 && a < x->rank) drop[a] = 1; } }
            else if (na == -1) {   /* no axes: every 1 goes, so an unknown dim leaves the rank unknown */
                for (i = 0; i < x->rank; i++) { drop[i] = x->dims[i].value == 1; if (x->dims[i].value < 0) na = -2; }
            }
            if (na != -2) {
                r = 0;
                for (i = 0; i < x->rank; i++) if (!drop[i]) out[r++] = x->dims[i];
            }
        } else if (x && na >= 0 && x->rank + na <= HLN_MAX_DIMS) {
            uint8_t ins[HLN_MAX_DIMS];
            r = x->rank + na;
            memset(ins, 0, sizeof ins);
            for (i = 0; i < na; i++) { int64_t a = hln__ga_axis(ints[i], r); if (a >= 0 && a < r) ins[a] = 1; }
            for (i = 0, j = 0; i < r; i++) out[i] = ins[i] ? hln__ga_dk(1) : (j < x->rank ? x->dims[j++] : hln__ga_du());
        }
        if (x && na == -2) {   /* runtime axes of known length: the rank only */
            const hln_shape *as = hln__ga_in(gs, n, 1);
            int64_t k = as && as->rank == 1 ? as->dims[0].value : -1;
            int64_t rank = def->kind == HLN__GA_OP_SQUEEZE ? x->rank - k : x->rank + k;
            r = k >= 0 && rank >= 0 && rank <= HLN_MAX_DIMS ? (int32_t)rank : -1;
            for (i = 0; i < r; i++) out[i] = hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL) hln__ga_setcv(ga, gs, o0, c0, n0);
        return;
    }
    case HLN__GA_OP_SLICE: {
        int64_t starts[HLN_MAX_DIMS], ends[HLN_MAX_DIMS], axes[HLN_MAX_DIMS], steps[HLN_MAX_DIMS];
        int32_t ns = -1, ne = -1, nx = -1, nt = -1, k;
        const int64_t *a;
        int known = 1;
        if ((a = hln__ga_attr_ints(n, "starts", &ns)) != NULL && ns <= HLN_MAX_DIMS) {   /* opset < 10 */
            memcpy(starts, a, (size_t)ns * sizeof *a);
            a = hln__ga_attr_ints(n, "ends", &ne);
            if (a && ne <= HLN_MAX_DIMS) memcpy(ends, a, (size_t)ne * sizeof *a); else known = 0;
            a = hln__ga_attr_ints(n, "axes", &nx);
            if (a && nx <= HLN_MAX_DIMS) memcpy(axes, a, (size_t)nx * sizeof *a);
        } else {
            known = hln__ga_incv_ints(gs, n, 1, starts, HLN_MAX_DIMS, &ns) && hln__ga_incv_ints(gs, n, 2, ends, HLN_MAX_DIMS, &ne);
            if (hln__ga_inval(gs, n, 3) && !hln__ga_incv_ints(gs, n, 3, axes, HLN_MAX_DIMS, &nx)) known = 0;
            if (hln__ga_inval(gs, n, 4) && !hln__ga_incv_ints(gs, n, 4, steps, HLN_MAX_DIMS, &nt)) known = 0;
        }
        if (known && ns != ne) known = 0;
        if (nx < 0) { nx = ns; for (k = 0; k < ns; k++) axes[k] = k; }
        if (nt < 0) { nt = ns; for (k = 0; k < ns; k++) steps[k] = 1; }
        if (known && (nx != ns || nt != ns)) known = 0;
        if (x) {
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            for (k = 0; k < ns && known; k++) {
                int64_t ax = hln__ga_axis(axes[k], r);
                if (ax < 0 || ax >= r) continue;
                if (x->dims[ax].value >= 0) {
                    int64_t l = hln__ga_slice_len(x->dims[ax].value, starts[k], ends[k], steps[k]);
                    out[ax] = l >= 0 ? hln__ga_dk(l) : hln__ga_du();
                } else if (!(starts[k] == 0 && ends[k] >= INT32_MAX && steps[k] == 1)) {
                    out[ax] = hln__ga_du();
                }
            }
            if (!known) for (k = 0; k < r; k++) out[k] = hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if (known && ns == 1 && (c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && hln__ga_axis(axes[0], 1) == 0) {
            int64_t s = starts[0], e = ends[0], st = steps[0], l = hln__ga_slice_len(n0, s, e, st), m = 0;
            if (s < 0) s += n0;
            if (st > 0) { if (s < 0) s = 0; } else if (s > n0 - 1) s = n0 - 1;
            for (m = 0; m < l && m < HLN__GA_CV_MAX; m++) cv[m] = c0[s + m * st];
            if (l >= 0 && l <= HLN__GA_CV_MAX) hln__ga_setcv(ga, gs, o0, cv, (int32_t)l);
        }
        return;
    }
    case HLN__GA_OP_GATHER: {
        const hln_shape *idx = hln__ga_in(gs, n, 1);
        if (x && idx) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis >= 0 && axis < x->rank && x->rank - 1 + idx->rank <= HLN_MAX_DIMS) {
                r = 0;
                for (i = 0; i < axis; i++) out[r++] = x->dims[i];
                for (i = 0; i < idx->rank; i++) out[r++] = idx->dims[i];
                for (i = (int32_t)axis + 1; i < x->rank; i++) out[r++] = x->dims[i];
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && x && x->rank == 1 && hln__ga_incv_ints(gs, n, 1, ints, HLN__GA_CV_MAX, &len)) {
            for (i = 0; i < len; i++) {
                int64_t k = ints[i] < 0 ? ints[i] + n0 : ints[i];
                if (k < 0 || k >= n0) break;
                cv[i] = c0[k];
            }
            if (i == len) hln__ga_setcv(ga, gs, o0, cv, len);
        }
        return;
    }
    case HLN__GA_OP_GATHER_ELEMENTS:
        hln__ga_out_like(ga, gs, n, 0, dt, hln__ga_in(gs, n, 1));
        return;
    case HLN__GA_OP_GATHER_ND: {
        const hln_shape *idx = hln__ga_in(gs, n, 1);
        int64_t bd = hln__ga_attr_i(n, "batch_dims", 0);
        if (x && idx && idx->rank >= 1 && idx->dims[idx->rank - 1].value >= 0 && bd >= 0 && bd <= x->rank &&
            idx->dims[idx->rank - 1].value <= x->rank) {
            int64_t k = idx->dims[idx->rank - 1].value;
            if (idx->rank - 1 + x->rank - bd - k <= HLN_MAX_DIMS && bd + k <= x->rank) {
                r = 0;
                for (i = 0; i < idx->rank - 1; i++) out[r++] = idx->dims[i];
                for (i = (int32_t)(bd + k); i < x->rank; i++) out[r++] = x->dims[i];
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    }
    case HLN__GA_OP_CONCAT: {
        uint32_t k;
        int all_cv = 1;
        int32_t total = 0;
        if (x) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            if (axis >= 0 && axis < r) {
                hln_dim sum = hln__ga_dk(0);
                for (k = 0; k < n->n_inputs; k++) {
                    const hln_shape *s = hln__ga_in(gs, n, k);
                    if (!s || s->rank != r) { if (hln__ga_inval(gs, n, k)) sum = hln__ga_du(); continue; }
                    if (sum.value >= 0 && s->dims[axis].value >= 0) sum.value = hln__ga_sadd(sum.value, s->dims[axis].value);
                    else if (sum.value == 0 && s->dims[axis].param) sum = s->dims[axis];
                    else if (!(s->dims[axis].value == 0)) sum = hln__ga_du();
                    for (i = 0; i < r; i++) if (i != axis && out[i].value < 0 && s->dims[i].value >= 0) out[i] = s->dims[i];
                }
                out[axis] = sum;
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        for (k = 0; k < n->n_inputs && all_cv; k++) {
            const hln__ga_cv *c = hln__ga_incv(gs, n, k, &len);
            if (!c || total + len > HLN__GA_CV_MAX) { all_cv = 0; break; }
            memcpy(cv + total, c, (size_t)len * sizeof *cv);
            total += len;
        }
        if (all_cv && n->n_inputs) hln__ga_setcv(ga, gs, o0, cv, total);
        return;
    }
    case HLN__GA_OP_SPLIT: {
        int32_t nsplit;
        const int64_t *sp = hln__ga_attr_ints(n, "split", &nsplit);
        int runtime = 0;   /* Split-13+: sizes from input 1, unknown unless it is constant */
        if (!sp && hln__ga_inval(gs, n, 1)) {
            if (hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &nsplit)) sp = ints; else runtime = 1;
        }
        if (!x) return;
        {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis < 0 || axis >= x->rank) return;
            for (k = 0; k < n->n_outputs; k++) {
                memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
                if (n->n_outputs == 1) out[axis] = x->dims[axis];   /* one part: the whole axis */
                else if (sp) out[axis] = nsplit == (int32_t)n->n_outputs ? hln__ga_dk(sp[k]) : hln__ga_du();
                else if (!runtime && x->dims[axis].value >= 0 && n->n_outputs) {
                    /* equal parts; Split-18 num_outputs: ceil(d / n) each, the last one the rest */
                    int64_t d = x->dims[axis].value, each = (d + n->n_outputs - 1) / n->n_outputs;
                    int64_t rest = d - each * (int64_t)k;
                    out[axis] = hln__ga_dk(rest < each ? (rest > 0 ? rest : 0) : each);
                } else out[axis] = hln__ga_du();
                hln__ga_out(ga, gs, n, k, dt, x->rank, out);
            }
        }
        return;
    }
    case HLN__GA_OP_EXPAND: {
        const hln__ga_cv *s = hln__ga_incv(gs, n, 1, &len);
        const hln_shape *ss = hln__ga_in(gs, n, 1);
        hln_shape t;
        hln_dim td[HLN_MAX_DIMS];
        if (!s && ss && ss->rank == 1 && ss->dims[0].value >= 0 && ss->dims[0].value <= HLN_MAX_DIMS) {
            /* shape values unknown, its length known: each target dim is unknown, except that it
               cannot change a known input dim other than 1 (broadcasting keeps it), and the dims
               it does not reach are the input's */
            len = (int32_t)ss->dims[0].value;
            for (i = 0; i < len; i++) td[i] = hln__ga_dk(1);
            t.rank = len;
            t.dims = td;
            r = hln__ga_broadcast(x, &t, out);
            for (i = r - len; i < r; i++) if (out[i].value == 1 || out[i].value < 0) out[i] = hln__ga_du();
        } else if (s && len <= HLN_MAX_DIMS) {
            for (i = 0; i < len; i++) td[i] = hln__ga_dim_of(s[i]);
            t.rank = len;
            t.dims = td;
            r = hln__ga_broadcast(x, &t, out);
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    }
    case HLN__GA_OP_TILE:
        if (x && hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &len) && len == x->rank) {
            r = x->rank;
            for (i = 0; i < r; i++) out[i] = hln__ga_dmul(x->dims[i], hln__ga_dk(ints[i]));
        } else if (x && hln__ga_inval(gs, n, 1)) {   /* repeats unknown: the rank stays */
            r = x->rank;
            for (i = 0; i < r; i++) out[i] = x->dims[i].value == 0 ? x->dims[i] : hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_PAD:
        if (x) {
            int32_t np, nax = -1;
            const int64_t *pads = hln__ga_attr_ints(n, "pads", &np);
            int64_t pv[2 * HLN_MAX_DIMS], axes[HLN_MAX_DIMS];
            if (!pads && hln__ga_incv_ints(gs, n, 1, pv, 2 * HLN_MAX_DIMS, &np)) pads = pv;
            if (hln__ga_inval(gs, n, 3) && !hln__ga_incv_ints(gs, n, 3, axes, HLN_MAX_DIMS, &nax)) pads = NULL;
            if (nax < 0) { nax = x->rank; for (i = 0; i < nax; i++) axes[i] = i; }
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            if (pads && np == 2 * nax) {
                for (i = 0; i < nax; i++) {
                    int64_t a = hln__ga_axis(axes[i], r);
                    if (a < 0 || a >= r) continue;
                    out[a] = out[a].value >= 0 ? hln__ga_dk(hln__ga_sadd(hln__ga_sadd(out[a].value, pads[i]), pads[nax + i]))
                                               : (pads[i] == 0 && pads[nax + i] == 0 ? out[a] : hln__ga_du());
                }
            } else {
                for (i = 0; i < r; i++) out[i] = hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_SHAPE: {
        hln_value *xv = hln__ga_inval(gs, n, 0);
        if (x) {
            int64_t s = hln__ga_attr_i(n, "start", 0), e = hln__ga_attr_i(n, "end", x->rank);
            if (s < 0) s += x->rank;
            if (e < 0) e += x->rank;
            if (s < 0) s = 0;
            if (e > x->rank) e = x->rank;
            len = e > s ? (int32_t)(e - s) : 0;
            out[0] = hln__ga_dk(len);
            for (i = 0; i < len; i++) cv[i] = hln__ga_cv_of(x->dims[s + i]);
            hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 1, out);
            hln__ga_setcv(ga, gs, o0, cv, len);
        } else {
            out[0] = hln__ga_du();
            hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, xv ? 1 : -1, out);
        }
        return;
    }
    case HLN__GA_OP_SIZE:
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 0, out);
        if (x) {
            hln_dim d = hln__ga_dk(1);
            for (i = 0; i < x->rank; i++) d = hln__ga_dmul(d, x->dims[i]);
            cv[0] = hln__ga_cv_of(d);
            hln__ga_setcv(ga, gs, o0, cv, 1);
        }
        return;
    case HLN__GA_OP_CONSTANT:
        return;   /* the output value holds the tensor: shape and value set up front */
    case HLN__GA_OP_CONSTANT_OF_SHAPE: {
        const hln_attr *va = hln__ga_attr(n, "value");
        hln_dtype vdt = HLN_DTYPE_F32;
        const hln_tensor *vt = NULL;
        if (va && va->tensors && va->count && (uint32_t)va->tensors[0] < ga->m->n_tensors) {
            vt = &ga->m->tensors[va->tensors[0]];
            vdt = vt->dtype;
        }
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && n0 <= HLN_MAX_DIMS) {
            uint64_t total = 1;
            int all = 1;
            r = n0;
            for (i = 0; i < n0; i++) {
                out[i] = hln__ga_dim_of(c0[i]);
                if (out[i].value < 0) all = 0; else total = hln__ga_mul(total, (uint64_t)out[i].value);
            }
            if (all && total <= HLN__GA_CV_MAX) {
                int64_t fill = 0;
                if (!vt || hln__ga_tensor_i64(vt, 0, &fill)) {
                    for (i = 0; i < (int32_t)total; i++) { cv[i].known = 1; cv[i].v = fill; cv[i].sym = NULL; }
                    hln__ga_setcv(ga, gs, o0, cv, (int32_t)total);
                }
            }
        } else {
            const hln_shape *s = hln__ga_in(gs, n, 0);
            if (s && s->rank == 1 && s->dims[0].value >= 0 && s->dims[0].value <= HLN_MAX_DIMS) {
                r = (int32_t)s->dims[0].value;
                for (i = 0; i < r; i++) out[i] = hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, vdt, r, out);
        return;
    }
    case HLN__GA_OP_RANGE: {
        double f[3], fl[1];
        const hln__ga_cv *c[3];
        int32_t nl[3];
        for (i = 0; i < 3; i++) c[i] = hln__ga_incv(gs, n, (uint32_t)i, &nl[i]);
        out[0] = hln__ga_du();
        if (c[0] && c[1] && c[2] && nl[0] == 1 && nl[1] == 1 && nl[2] == 1 && c[0][0].known && c[1][0].known && c[2][0].known && c[2][0].v != 0) {
            int64_t l = hln__ga_ceil_div(hln__ga_ssub(c[1][0].v, c[0][0].v), c[2][0].v);
            if (l < 0) l = 0;
            out[0] = hln__ga_dk(l);
            if (l <= HLN__GA_CV_MAX) {
                for (i = 0; i < l; i++) { cv[i].known = 1; cv[i].v = hln__ga_sadd(c[0][0].v, hln__ga_smul(i, c[2][0].v)); cv[i].sym = NULL; }
                hln__ga_setcv(ga, gs, o0, cv, (int32_t)l);
            }
        } else if (c[0] && c[1] && c[2] && nl[0] == 1 && nl[1] == 1 && nl[2] == 1 && c[0][0].known && c[0][0].v == 0 &&
                   c[2][0].known && c[2][0].v == 1 && !c[1][0].known) {
            out[0] = hln__ga_dim_of(c[1][0]);
        } else {
            int ok = 1;
            for (i = 0; i < 3 && ok; i++) ok = hln__ga_intensor_f64(ga, gs, n, (uint32_t)i, fl, 1, &len) && len == 1 && ((f[i] = fl[0]), 1);
            if (ok && f[2] != 0.0) {
                double l = (f[1] - f[0]) / f[2];
                int64_t li;
                if (hln__ga_to_i64(l, &li)) {
                    if ((double)li < l) li++;
                    out[0] = hln__ga_dk(li > 0 ? li : 0);
                }
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, 1, out);
        return;
    }
    case HLN__GA_OP_CAST: case HLN__GA_OP_CAST_LIKE: {
        hln_dtype to = def->kind == HLN__GA_OP_CAST_LIKE ? hln__ga_indt(gs, n, 1)
                                                      : hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "to", 0));
        hln__ga_out_like(ga, gs, n, 0, to, x);
        n->flops = hln__ga_elems(ga, x);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && hln_dtype_get(to)->kind == HLN_KIND_INT) hln__ga_setcv(ga, gs, o0, c0, n0);
        return;
    }
    case HLN__GA_OP_REDUCE: case HLN__GA_OP_ARG: {
        int keep = hln__ga_attr_i(n, "keepdims", 1) != 0;
        int32_t na;
        uint8_t red[HLN_MAX_DIMS];
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        if (!x) { hln__ga_out(ga, gs, n, 0, def->kind == HLN__GA_OP_ARG ? HLN_DTYPE_I64 : dt, -1, NULL); return; }
        memset(red, 0, sizeof red);
        if (def->kind == HLN__GA_OP_ARG) { ints[0] = hln__ga_attr_i(n, "axis", 0); na = 1; }
        else na = hln__ga_axes(gs, n, "axes", 1, ints);
        if (na == -2) { hln__ga_out(ga, gs, n, 0, dt, keep ? x->rank : -1, NULL); return; }
        if (na <= 0) {
            if (na == 0 && hln__ga_attr_i(n, "noop_with_empty_axes", 0)) { hln__ga_out_like(ga, gs, n, 0, dt, x); return; }
            memset(red, 1, sizeof red);
        } else {
            for (i = 0; i < na; i++) { int64_t a = hln__ga_axis(ints[i], x->rank); if (a >= 0 && a < x->rank) red[a] = 1; }
        }
        r = 0;
        for (i = 0; i < x->rank; i++) {
            if (!red[i]) out[r++] = x->dims[i];
            else if (keep) out[r++] = hln__ga_dk(1);
        }
        hln__ga_out(ga, gs, n, 0, def->kind == HLN__GA_OP_ARG ? HLN_DTYPE_I64 : dt, r, out);
        return;
    }
    case HLN__GA_OP_ATTENTION: {
        const hln_shape *w = hln__ga_in(gs, n, 1);
        int32_t nq;
        const int64_t *qkv = hln__ga_attr_ints(n, "qkv_hidden_sizes", &nq);
        if (x && x->rank == 3 && w && w->rank == 2) {
            uint64_t B = hln__ga_dv(ga, x->dims[0]), S = hln__ga_dv(ga, x->dims[1]), Din = hln__ga_dv(ga, x->dims[2]);
            uint64_t cols = hln__ga_dv(ga, w->dims[1]), hq = cols / 3, hv = cols / 3;
            if (qkv && nq == 3) { hq = (uint64_t)qkv[0]; hv = (uint64_t)qkv[2]; }
            /* QKV projection, Q K^T and softmax(.) V */
            n->macs = hln__ga_add(hln__ga_mul(hln__ga_mul(B, S), hln__ga_mul(Din, cols)),
                               hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, S)), hln__ga_add(hq, hv)));
            n->flops = hln__ga_add(hln__ga_mul(n->macs, 2), hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, S)), 5 * (uint64_t)hln__ga_attr_i(n, "num_heads", 1)));
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            out[2] = hln__ga_dk((int64_t)hv);
            hln__ga_out(ga, gs, n, 0, dt, 3, out);
        } else ga->exact = 0;
        return;
    }
    case HLN__GA_OP_MHA: {
        const hln_shape *k = hln__ga_in(gs, n, 1), *v = hln__ga_in(gs, n, 2);
        if (x && x->rank == 3 && k && k->rank == 3) {
            uint64_t B = hln__ga_dv(ga, x->dims[0]), S = hln__ga_dv(ga, x->dims[1]), D = hln__ga_dv(ga, x->dims[2]);
            uint64_t L = hln__ga_dv(ga, k->dims[1]), Dv = v && v->rank == 3 ? hln__ga_dv(ga, v->dims[2]) : D;
            n->macs = hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, L)), hln__ga_add(D, Dv));
            n->flops = hln__ga_add(hln__ga_mul(n->macs, 2), hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, L)), 5));
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            out[2] = v && v->rank == 3 ? v->dims[2] : x->dims[2];
            hln__ga_out(ga, gs, n, 0, dt, 3, out);
        } else ga->exact = 0;
        return;
    }
    case HLN__GA_OP_QUANT: {
        hln_dtype q = hln__ga_inval(gs, n, 2) ? hln__ga_indt(gs, n, 2) : HLN_DTYPE_U8;
        int64_t od = hln__ga_attr_i(n, "output_dtype", 0);
        if (od > 0) q = hln_dtype_from_onnx((int32_t)od);
        hln__ga_out_like(ga, gs, n, 0, q, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    }
    case HLN__GA_OP_DEQUANT: {
        hln_dtype f = hln__ga_inval(gs, n, 1) ? hln__ga_indt(gs, n, 1) : HLN_DTYPE_F32;
        hln__ga_out_like(ga, gs, n, 0, f == HLN_DTYPE_UNKNOWN ? HLN_DTYPE_F32 : f, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    }
    case HLN__GA_OP_DYNQUANT:
        hln__ga_out_like(ga, gs, n, 0, HLN_DTYPE_U8, x);
        hln__ga_out(ga, gs, n, 1, HLN_DTYPE_F32, 0, out);
        hln__ga_out(ga, gs, n, 2, HLN_DTYPE_U8, 0, out);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    case HLN__GA_OP_TOPK:
        if (x) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", -1), x->rank), k = hln__ga_attr_i(n, "k", -1);
            if (hln__ga_incv_ints(gs, n, 1, ints, 1, &len) && len == 1) k = ints[0];
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            if (axis >= 0 && axis < r) out[axis] = k >= 0 ? hln__ga_dk(k) : hln__ga_du();
            n->flops = hln__ga_elems(ga, x);
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, r, out);
        return;
    case HLN__GA_OP_ONEHOT: {
        const hln_shape *idx = x;
        if (idx && idx->rank + 1 <= HLN_MAX_DIMS) {
            int64_t depth = -1, axis;
            double fd[1];
            if (hln__ga_intensor_f64(ga, gs, n, 1, fd, 1, &len) && len == 1 && !hln__ga_to_i64(fd[0], &depth)) depth = -1;
            r = idx->rank + 1;
            axis = hln__ga_axis(hln__ga_attr_i(n, "axis", -1), r);
            for (i = 0, j = 0; i < r; i++) out[i] = i == axis ? (depth >= 0 ? hln__ga_dk(depth) : hln__ga_du()) : idx->dims[j++];
        }
        hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 2), r, out);
        return;
    }
    case HLN__GA_OP_DEPTH_TO_SPACE: case HLN__GA_OP_SPACE_TO_DEPTH:
        if (x && x->rank == 4) {
            int64_t b = hln__ga_attr_i(n, "blocksize", 1);
            r = 4;
            out[0] = x->dims[0];
            if (b <= 0 || b > (1 << 20)) b = 1;
            if (def->kind == HLN__GA_OP_DEPTH_TO_SPACE) {
                out[1] = x->dims[1].value >= 0 ? hln__ga_dk(x->dims[1].value / (b * b)) : hln__ga_du();
                out[2] = hln__ga_dmul(x->dims[2], hln__ga_dk(b));
                out[3] = hln__ga_dmul(x->dims[3], hln__ga_dk(b));
            } else {
                out[1] = hln__ga_dmul(x->dims[1], hln__ga_dk(b * b));
                out[2] = x->dims[2].value >= 0 ? hln__ga_dk(x->dims[2].value / b) : hln__ga_du();
                out[3] = x->dims[3].value >= 0 ? hln__ga_dk(x->dims[3].value / b) : hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_NONZERO:
        if (x) { out[0] = hln__ga_dk(x->rank); out[1] = hln__ga_du(); r = 2; }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, r, out);
        return;
    default:
        hln__ga_infer_rest(ga, gs, n, def);
        return;
    }
}

/* ---- graph analysis: declared-shape cost rules (TFLite) ---------------------------------------
   The one mapping table of TFLite vocabulary: ops of domain "tflite" (builtins, NHWC
   activations, OHWI filters) keep the output shapes the file declares, and are costed from
   those declared shapes by the rules below (docs/costs.md, "TFLite"). Ops of domain
   "tflite.custom" have no known cost: MACs 0 and macs_exact false. */
enum {
    HLN__GA_R_CONV = 1,     /* MACs = out elems * KH*KW*Cin/groups (filter [O, KH, KW, I]) */
    HLN__GA_R_DWCONV,       /* MACs = out elems * KH*KW (filter [1, KH, KW, C*M]) */
    HLN__GA_R_TCONV,        /* MACs = input elems (input 2) * O*KH*KW (filter input 1) */
    HLN__GA_R_CONV3D,       /* MACs = out elems * KD*KH*KW*I (filter [KD, KH, KW, I, O]) */
    HLN__GA_R_FC,           /* MACs = out elems * K (weights [O, K]) */
    HLN__GA_R_BMM,          /* MACs = out elems * K (K = lhs last dim, or dim -2 with adj_x) */
    HLN__GA_R_RECURRENT,    /* MACs = rows * elements of every 2-D weight input */
    HLN__GA_R_ELEM,         /* FLOPs = out elems * flops */
    HLN__GA_R_POOL,         /* FLOPs = out elems * filter_w*filter_h * flops */
    HLN__GA_R_REDUCE,       /* FLOPs = input elems * flops */
    HLN__GA_R_IF,           /* the larger branch */
    HLN__GA_R_WHILE         /* cond + body once; the trip count is not in the file */
};
typedef struct hln__ga_rule { const char *op; uint8_t rule, flops; } hln__ga_rule;
static const hln__ga_rule hln__ga_tflite_rules[] = {
    {"CONV_2D", HLN__GA_R_CONV, 0}, {"DEPTHWISE_CONV_2D", HLN__GA_R_DWCONV, 0}, {"TRANSPOSE_CONV", HLN__GA_R_TCONV, 0},
    {"CONV_3D", HLN__GA_R_CONV3D, 0}, {"FULLY_CONNECTED", HLN__GA_R_FC, 0}, {"BATCH_MATMUL", HLN__GA_R_BMM, 0},
    {"LSTM", HLN__GA_R_RECURRENT, 17}, {"UNIDIRECTIONAL_SEQUENCE_LSTM", HLN__GA_R_RECURRENT, 17},
    {"BIDIRECTIONAL_SEQUENCE_LSTM", HLN__GA_R_RECURRENT, 17}, {"SVDF", HLN__GA_R_RECURRENT, 3},
    {"RNN", HLN__GA_R_RECURRENT, 3}, {"UNIDIRECTIONAL_SEQUENCE_RNN", HLN__GA_R_RECURRENT, 3},
    {"BIDIRECTIONAL_SEQUENCE_RNN", HLN__GA_R_RECURRENT, 3},
    {"ADD", HLN__GA_R_ELEM, 1}, {"SUB", HLN__GA_R_ELEM, 1}, {"MUL", HLN__GA_R_ELEM, 1}, {"DIV", HLN__GA_R_ELEM, 1},
    {"ADD_N", HLN__GA_R_ELEM, 1}, {"SQUARED_DIFFERENCE", HLN__GA_R_ELEM, 2}, {"MAXIMUM", HLN__GA_R_ELEM, 1},
    {"MINIMUM", HLN__GA_R_ELEM, 1}, {"POW", HLN__GA_R_ELEM, 1}, {"FLOOR_DIV", HLN__GA_R_ELEM, 1},
    {"FLOOR_MOD", HLN__GA_R_ELEM, 1}, {"RELU", HLN__GA_R_ELEM, 1}, {"RELU6", HLN__GA_R_ELEM, 1},
    {"RELU_N1_TO_1", HLN__GA_R_ELEM, 1}, {"RELU_0_TO_1", HLN__GA_R_ELEM, 1}, {"LEAKY_RELU", HLN__GA_R_ELEM, 2},
    {"PRELU", HLN__GA_R_ELEM, 2}, {"LOGISTIC", HLN__GA_R_ELEM, 4}, {"TANH", HLN__GA_R_ELEM, 4},
    {"HARD_SWISH", HLN__GA_R_ELEM, 4}, {"ELU", HLN__GA_R_ELEM, 4}, {"GELU", HLN__GA_R_ELEM, 8},
    {"EXP", HLN__GA_R_ELEM, 1}, {"LOG", HLN__GA_R_ELEM, 1}, {"SQRT", HLN__GA_R_ELEM, 1}, {"RSQRT", HLN__GA_R_ELEM, 2},
    {"SQUARE", HLN__GA_R_ELEM, 1}, {"ABS", HLN__GA_R_ELEM, 1}, {"NEG", HLN__GA_R_ELEM, 1}, {"SIN", HLN__GA_R_ELEM, 1},
    {"COS", HLN__GA_R_ELEM, 1}, {"FLOOR", HLN__GA_R_ELEM, 1}, {"CEIL", HLN__GA_R_ELEM, 1}, {"ROUND", HLN__GA_R_ELEM, 1},
    {"LESS", HLN__GA_R_ELEM, 1}, {"LESS_EQUAL", HLN__GA_R_ELEM, 1}, {"GREATER", HLN__GA_R_ELEM, 1},
    {"GREATER_EQUAL", HLN__GA_R_ELEM, 1}, {"EQUAL", HLN__GA_R_ELEM, 1}, {"NOT_EQUAL", HLN__GA_R_ELEM, 1},
    {"SELECT", HLN__GA_R_ELEM, 1}, {"SELECT_V2", HLN__GA_R_ELEM, 1},
    {"QUANTIZE", HLN__GA_R_ELEM, 2}, {"DEQUANTIZE", HLN__GA_R_ELEM, 2}, {"SOFTMAX", HLN__GA_R_ELEM, 5},
    {"LOG_SOFTMAX", HLN__GA_R_ELEM, 6}, {"L2_NORMALIZATION", HLN__GA_R_ELEM, 3},
    {"LOCAL_RESPONSE_NORMALIZATION", HLN__GA_R_ELEM, 5}, {"RESIZE_BILINEAR", HLN__GA_R_ELEM, 4},
    {"RESIZE_NEAREST_NEIGHBOR", HLN__GA_R_ELEM, 1},
    {"AVERAGE_POOL_2D", HLN__GA_R_POOL, 1}, {"MAX_POOL_2D", HLN__GA_R_POOL, 1}, {"L2_POOL_2D", HLN__GA_R_POOL, 2},
    {"MEAN", HLN__GA_R_REDUCE, 1}, {"SUM", HLN__GA_R_REDUCE, 1}, {"REDUCE_MAX", HLN__GA_R_REDUCE, 1},
    {"REDUCE_MIN", HLN__GA_R_REDUCE, 1}, {"REDUCE_PROD", HLN__GA_R_REDUCE, 1}, {"REDUCE_ANY", HLN__GA_R_REDUCE, 1},
    {"ARG_MAX", HLN__GA_R_REDUCE, 1}, {"ARG_MIN", HLN__GA_R_REDUCE, 1},
    {"IF", HLN__GA_R_IF, 0}, {"WHILE", HLN__GA_R_WHILE, 0}
};

static const hln__ga_rule *hln__ga_tflite_rule(const hln_node *n) {
    size_t i;
    for (i = 0; i < sizeof hln__ga_tflite_rules / sizeof hln__ga_tflite_rules[0]; i++)
        if (strcmp(hln__ga_tflite_rules[i].op, n->op_type) == 0) return &hln__ga_tflite_rules[i];
    return NULL;
}

/* Dim d of input k's shape (negative d counts from the end), 0 when unknown. */
static uint64_t hln__ga_tflite_dim(hln__ga_gs *gs, const hln_node *n, uint32_t k, int32_t d) {
    const hln_shape *s = hln__ga_in(gs, n, k);
    if (!s) return 0;
    if (d < 0) d += s->rank;
    return d >= 0 && d < s->rank && s->dims[d].value >= 0 ? (uint64_t)s->dims[d].value : 0;
}
static uint64_t hln__ga_tflite_elems(hln__ga *ga, hln__ga_gs *gs, int32_t vi) {
    const hln_value *v = vi >= 0 && (uint32_t)vi < gs->g->n_values ? &gs->g->values[vi] : NULL;
    int32_t i;
    if (!v || v->inferred.rank < 0) { ga->exact = 0; return 0; }
    for (i = 0; i < v->inferred.rank; i++) if (v->inferred.dims[i].value < 0) ga->exact = 0;
    if (v->info && v->info->signature)   /* a dynamic dim: costed at the allocated shape */
        for (i = 0; i < v->info->signature_rank; i++) if ((int32_t)hln__load_uint(v->info->signature + 4 * i, 4, 0) < 0) ga->exact = 0;
    return hln__ga_elems(ga, &v->inferred);
}
/* Filter dims [from, to) multiplied; 0 and inexact when the filter's shape is unknown. */
static uint64_t hln__ga_tflite_kprod(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, int32_t from, int32_t to) {
    const hln_shape *s = hln__ga_in(gs, n, k);
    uint64_t p = 1;
    int32_t i;
    if (!s || s->rank < to) { ga->exact = 0; return 0; }
    for (i = from; i < to; i++) p = hln__ga_mul(p, hln__ga_dv(ga, s->dims[i]));
    return p;
}

static void hln__ga_tflite_cost(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const hln__ga_rule *rule;
    uint64_t out = 0, macs = 0, flops = 0, w;
    uint32_t q, a;
    if (n->domain && strcmp(n->domain, "tflite.custom") == 0) { ga->exact = 0; gs->g->macs_exact = 0; return; }
    if (!n->domain || strcmp(n->domain, "tflite") != 0 || !(rule = hln__ga_tflite_rule(n))) return;
    if (rule->rule != HLN__GA_R_IF && rule->rule != HLN__GA_R_WHILE) out = hln__ga_tflite_elems(ga, gs, n->n_outputs ? n->outputs[0] : -1);
    switch (rule->rule) {
    case HLN__GA_R_CONV: {
        const hln_shape *f = hln__ga_in(gs, n, 1);
        macs = hln__ga_mul(out, hln__ga_tflite_kprod(ga, gs, n, 1, 1, f ? f->rank : 4));
        break;
    }
    case HLN__GA_R_DWCONV: macs = hln__ga_mul(out, hln__ga_tflite_kprod(ga, gs, n, 1, 1, 3)); break;
    case HLN__GA_R_TCONV:
        macs = hln__ga_mul(hln__ga_tflite_elems(ga, gs, n->n_inputs > 2 ? n->inputs[2] : -1), hln__ga_tflite_kprod(ga, gs, n, 1, 0, 3));
        break;
    case HLN__GA_R_CONV3D: macs = hln__ga_mul(out, hln__ga_tflite_kprod(ga, gs, n, 1, 0, 4)); break;
    case HLN__GA_R_FC: macs = hln__ga_mul(out, hln__ga_tflite_dim(gs, n, 1, -1)); break;
    case HLN__GA_R_BMM: macs = hln__ga_mul(out, hln__ga_tflite_dim(gs, n, 0, hln__ga_attr_i(n, "adj_x", 0) ? -2 : -1)); break;
    case HLN__GA_R_RECURRENT: {
        uint64_t in = hln__ga_tflite_elems(ga, gs, n->n_inputs ? n->inputs[0] : -1), feat = hln__ga_tflite_dim(gs, n, 0, -1);
        uint64_t rows = feat ? in / feat : 0;
        for (w = 0, q = 1; q < n->n_inputs; q++) {
            const hln_value *v = n->inputs[q] >= 0 ? &gs->g->values[n->inputs[q]] : NULL;
            if (v && v->tensor >= 0 && v->inferred.rank == 2) w = hln__ga_add(w, hln__ga_elems(ga, &v->inferred));
        }
        macs = hln__ga_mul(rows, w);
        flops = hln__ga_mul(out, rule->flops);
        break;
    }
    case HLN__GA_R_ELEM: flops = hln__ga_mul(out, rule->flops); break;
    case HLN__GA_R_POOL:
        flops = hln__ga_mul(hln__ga_mul(out, rule->flops),
                            hln__ga_mul((uint64_t)hln__ga_attr_i(n, "filter_width", 1), (uint64_t)hln__ga_attr_i(n, "filter_height", 1)));
        break;
    case HLN__GA_R_REDUCE: flops = hln__ga_mul(hln__ga_tflite_elems(ga, gs, n->n_inputs ? n->inputs[0] : -1), rule->flops); break;
    case HLN__GA_R_IF:
        for (n->macs = n->flops = 0, a = 0; a < n->n_attrs; a++)
            if (n->attrs[a].type == HLN_ATTR_GRAPH && n->attrs[a].graphs && n->attrs[a].graphs[0]) {
                const hln_graph *b = n->attrs[a].graphs[0];
                if (b->macs > n->macs) n->macs = b->macs;
                if (b->flops > n->flops) n->flops = b->flops;
            }
        return;
    case HLN__GA_R_WHILE: ga->exact = 0; gs->g->macs_exact = 0; return;
    default: return;
    }
    if (rule->rule <= HLN__GA_R_BMM) {   /* the multiply-accumulate ops: bias adds once per output */
        flops = hln__ga_mul(macs, 2);
        if (n->n_inputs > 2 && n->inputs[2] >= 0 && rule->rule != HLN__GA_R_TCONV && rule->rule != HLN__GA_R_BMM) flops = hln__ga_add(flops, out);
        if (n->n_inputs > 3 && n->inputs[3] >= 0 && rule->rule == HLN__GA_R_TCONV) flops = hln__ga_add(flops, out);
        if (!macs) ga->exact = 0;
    } else if (rule->rule == HLN__GA_R_RECURRENT) flops = hln__ga_add(flops, hln__ga_mul(macs, 2));
    n->macs = macs;
    n->flops = flops;
    if (!ga->exact && macs == 0 && rule->rule <= HLN__GA_R_RECURRENT) gs->g->macs_exact = 0;
}

/* TFLite subgraphs that no WHILE/IF/CALL_ONCE references (functions of domain
   "tflite.subgraph" reached through no graph attribute) are entry points of their own: a
   signature def's subgraph, or one nothing runs. Each is analysed on its own after the main
   graph (shapes, costs, liveness of that subgraph; counted in `subgraphs`), and its costs stay
   its own: the main graph's MACs do not include them. */
static hln_result hln__ga_graph(hln__ga *ga, hln_graph *g, hln__ga_gs *parent, uint32_t depth, const hln_node *owner,
                                hln__ga_gs *caller);
static int hln__ga_referenced(const hln_graph *root, const hln_graph *f) {
    uint32_t gi, i, a, k;
    for (gi = 0; gi <= root->n_functions; gi++) {
        const hln_graph *g = gi ? root->functions[gi - 1] : root;
        for (i = 0; g && i < g->n_nodes; i++)
            for (a = 0; a < g->nodes[i].n_attrs; a++)
                if ((g->nodes[i].attrs[a].type == HLN_ATTR_GRAPH || g->nodes[i].attrs[a].type == HLN_ATTR_GRAPHS) && g->nodes[i].attrs[a].graphs)
                    for (k = 0; k < g->nodes[i].attrs[a].count; k++) if (g->nodes[i].attrs[a].graphs[k] == f) return 1;
    }
    return 0;
}
static hln_result hln__ga_tflite_entries(hln__ga *ga) {
    hln_graph *root = ga->m->graph;
    uint32_t i;
    hln_result r;
    for (i = 0; i < root->n_functions; i++) {
        hln_graph *f = root->functions[i];
        if (!f || !f->domain || strcmp(f->domain, "tflite.subgraph") != 0 || hln__ga_referenced(root, f)) continue;
        if ((r = hln__ga_graph(ga, f, NULL, 1, NULL, NULL)) != HLN_OK) return r;
    }
    return HLN_OK;
}

/* ---- graph analysis: declared-shape cost rules (OpenVINO IR) -----------------------------------
   The one mapping table of OpenVINO vocabulary (opset type names, docs/costs.md "OpenVINO"):
   ops of domain "openvino" keep the port shapes the .xml declares (NCHW activations, weights
   [O, I, k...], grouped [G, O/G, I/G, k...]) and are costed from them. Attributes are the
   <data> strings ("true", "2,2"). Types outside the table have no known cost (MACs 0). */
enum {
    HLN__GA_OV_CONV = 1,    /* MACs = out elems * prod(filter dims 1..) */
    HLN__GA_OV_GCONV,       /* MACs = out elems * prod(filter dims 2..) */
    HLN__GA_OV_DECONV,      /* MACs = input elems * prod(filter dims 1..) */
    HLN__GA_OV_GDECONV,     /* MACs = input elems * prod(filter dims 2..) */
    HLN__GA_OV_MATMUL,      /* MACs = out elems * K (input 0's last dim, or -2 with transpose_a) */
    HLN__GA_OV_CELL,        /* LSTM/GRU/RNN cells: MACs = rows * elements of every 2-D weight input */
    HLN__GA_OV_ELEM,        /* FLOPs = out elems * flops */
    HLN__GA_OV_POOL,        /* FLOPs = out elems * prod(kernel) * flops */
    HLN__GA_OV_REDUCE,      /* FLOPs = input elems * flops */
    HLN__GA_OV_IF,          /* the larger branch */
    HLN__GA_OV_TI,          /* body * iterations (the iterations attribute the reader derives from the port map) */
    HLN__GA_OV_LOOP         /* body once; the trip count is a run-time value */
};
static const hln__ga_rule hln__ga_openvino_rules[] = {
    {"Convolution", HLN__GA_OV_CONV, 0}, {"GroupConvolution", HLN__GA_OV_GCONV, 0},
    {"ConvolutionBackpropData", HLN__GA_OV_DECONV, 0}, {"GroupConvolutionBackpropData", HLN__GA_OV_GDECONV, 0},
    {"BinaryConvolution", HLN__GA_OV_CONV, 0}, {"DeformableConvolution", HLN__GA_OV_CONV, 0},
    {"MatMul", HLN__GA_OV_MATMUL, 0},
    {"LSTMCell", HLN__GA_OV_CELL, 17}, {"GRUCell", HLN__GA_OV_CELL, 12}, {"RNNCell", HLN__GA_OV_CELL, 3},
    {"Add", HLN__GA_OV_ELEM, 1}, {"Subtract", HLN__GA_OV_ELEM, 1}, {"Multiply", HLN__GA_OV_ELEM, 1},
    {"Divide", HLN__GA_OV_ELEM, 1}, {"Maximum", HLN__GA_OV_ELEM, 1}, {"Minimum", HLN__GA_OV_ELEM, 1},
    {"Power", HLN__GA_OV_ELEM, 1}, {"SquaredDifference", HLN__GA_OV_ELEM, 2}, {"Mod", HLN__GA_OV_ELEM, 1},
    {"FloorMod", HLN__GA_OV_ELEM, 1}, {"ReLU", HLN__GA_OV_ELEM, 1}, {"Relu", HLN__GA_OV_ELEM, 1},
    {"Clamp", HLN__GA_OV_ELEM, 2}, {"PRelu", HLN__GA_OV_ELEM, 2}, {"Elu", HLN__GA_OV_ELEM, 4},
    {"Sigmoid", HLN__GA_OV_ELEM, 4}, {"Tanh", HLN__GA_OV_ELEM, 4}, {"HSwish", HLN__GA_OV_ELEM, 4},
    {"HSigmoid", HLN__GA_OV_ELEM, 4}, {"Swish", HLN__GA_OV_ELEM, 5}, {"Mish", HLN__GA_OV_ELEM, 6},
    {"Gelu", HLN__GA_OV_ELEM, 8}, {"Erf", HLN__GA_OV_ELEM, 4}, {"Exp", HLN__GA_OV_ELEM, 1},
    {"Log", HLN__GA_OV_ELEM, 1}, {"Sqrt", HLN__GA_OV_ELEM, 1}, {"Abs", HLN__GA_OV_ELEM, 1},
    {"Negative", HLN__GA_OV_ELEM, 1}, {"Floor", HLN__GA_OV_ELEM, 1}, {"Ceiling", HLN__GA_OV_ELEM, 1},
    {"SoftMax", HLN__GA_OV_ELEM, 5}, {"Softmax", HLN__GA_OV_ELEM, 5}, {"LogSoftmax", HLN__GA_OV_ELEM, 6},
    {"MVN", HLN__GA_OV_ELEM, 5}, {"NormalizeL2", HLN__GA_OV_ELEM, 3}, {"BatchNormInference", HLN__GA_OV_ELEM, 2},
    {"Less", HLN__GA_OV_ELEM, 1}, {"LessEqual", HLN__GA_OV_ELEM, 1}, {"Greater", HLN__GA_OV_ELEM, 1},
    {"GreaterEqual", HLN__GA_OV_ELEM, 1}, {"Equal", HLN__GA_OV_ELEM, 1}, {"NotEqual", HLN__GA_OV_ELEM, 1},
    {"Select", HLN__GA_OV_ELEM, 1}, {"FakeQuantize", HLN__GA_OV_ELEM, 4},
    {"MaxPool", HLN__GA_OV_POOL, 1}, {"AvgPool", HLN__GA_OV_POOL, 1},
    {"ReduceMean", HLN__GA_OV_REDUCE, 1}, {"ReduceSum", HLN__GA_OV_REDUCE, 1}, {"ReduceMax", HLN__GA_OV_REDUCE, 1},
    {"ReduceMin", HLN__GA_OV_REDUCE, 1}, {"ReduceProd", HLN__GA_OV_REDUCE, 1}, {"ReduceL2", HLN__GA_OV_REDUCE, 2},
    {"If", HLN__GA_OV_IF, 0}, {"TensorIterator", HLN__GA_OV_TI, 0}, {"Loop", HLN__GA_OV_LOOP, 0}
};

static const hln__ga_rule *hln__ga_openvino_rule(const hln_node *n) {
    size_t i;
    for (i = 0; i < sizeof hln__ga_openvino_rules / sizeof hln__ga_openvino_rules[0]; i++)
        if (strcmp(hln__ga_openvino_rules[i].op, n->op_type) == 0) return &hln__ga_openvino_rules[i];
    return NULL;
}

/* "2,2" -> the product of the numbers; def when the attribute is absent or not a list. */
static uint64_t hln__ga_openvino_prod(const hln_node *n, const char *name, uint64_t def) {
    const char *s = hln__ga_attr_s(n, name, NULL), *p;
    uint64_t prod = 1, v = 0;
    int digits = 0;
    if (!s || !*s) return def;
    for (p = s;; p++) {
        if (*p >= '0' && *p <= '9') { if (v > 1000000) return def; v = v * 10 + (uint64_t)(*p - '0'); digits = 1; continue; }
        if (*p == ',' || *p == 0) {
            if (!digits) return def;
            prod = hln__ga_mul(prod, v);
            v = 0;
            digits = 0;
            if (!*p) return prod;
            continue;
        }
        if (*p != ' ') return def;
    }
}

static void hln__ga_openvino_cost(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const hln__ga_rule *rule;
    uint64_t out = 0, macs = 0, flops = 0, w;
    uint32_t q, a;
    if (!n->domain || strcmp(n->domain, "openvino") != 0) return;
    if (!(rule = hln__ga_openvino_rule(n))) return;
    if (rule->rule < HLN__GA_OV_IF) out = hln__ga_tflite_elems(ga, gs, n->n_outputs ? n->outputs[0] : -1);
    switch (rule->rule) {
    case HLN__GA_OV_CONV: case HLN__GA_OV_GCONV: case HLN__GA_OV_DECONV: case HLN__GA_OV_GDECONV: {
        const hln_shape *f = hln__ga_in(gs, n, 1);
        int grouped = rule->rule == HLN__GA_OV_GCONV || rule->rule == HLN__GA_OV_GDECONV;
        uint64_t k = hln__ga_tflite_kprod(ga, gs, n, 1, grouped ? 2 : 1, f ? f->rank : 4);
        uint64_t base = rule->rule == HLN__GA_OV_CONV || rule->rule == HLN__GA_OV_GCONV ? out
                      : hln__ga_tflite_elems(ga, gs, n->n_inputs ? n->inputs[0] : -1);
        macs = hln__ga_mul(base, k);
        break;
    }
    case HLN__GA_OV_MATMUL: {
        const char *ta = hln__ga_attr_s(n, "transpose_a", "false");
        macs = hln__ga_mul(out, hln__ga_tflite_dim(gs, n, 0, strcmp(ta, "true") == 0 ? -2 : -1));
        break;
    }
    case HLN__GA_OV_CELL: {
        uint64_t in = hln__ga_tflite_elems(ga, gs, n->n_inputs ? n->inputs[0] : -1), feat = hln__ga_tflite_dim(gs, n, 0, -1);
        uint64_t rows = feat ? in / feat : 0;
        for (w = 0, q = 1; q < n->n_inputs; q++) {
            const hln_value *v = n->inputs[q] >= 0 ? &gs->g->values[n->inputs[q]] : NULL;
            int weight = v && (v->tensor >= 0 || (v->producer >= 0 && (uint32_t)v->producer < gs->g->n_nodes &&
                                                  strcmp(gs->g->nodes[v->producer].op_type, "Convert") == 0));
            if (weight && v->inferred.rank == 2) w = hln__ga_add(w, hln__ga_elems(ga, &v->inferred));
        }
        macs = hln__ga_mul(rows, w);
        flops = hln__ga_mul(out, rule->flops);
        break;
    }
    case HLN__GA_OV_ELEM: flops = hln__ga_mul(out, rule->flops); break;
    case HLN__GA_OV_POOL: flops = hln__ga_mul(hln__ga_mul(out, rule->flops), hln__ga_openvino_prod(n, "kernel", 1)); break;
    case HLN__GA_OV_REDUCE: flops = hln__ga_mul(hln__ga_tflite_elems(ga, gs, n->n_inputs ? n->inputs[0] : -1), rule->flops); break;
    case HLN__GA_OV_IF: case HLN__GA_OV_TI: {
        uint64_t bm = 0, bf = 0;
        int64_t iters = rule->rule == HLN__GA_OV_TI ? hln__ga_attr_i(n, "iterations", -1) : 1;
        for (a = 0; a < n->n_attrs; a++)
            if (n->attrs[a].type == HLN_ATTR_GRAPH && n->attrs[a].graphs && n->attrs[a].graphs[0]) {
                const hln_graph *b = n->attrs[a].graphs[0];
                if (b->macs > bm) bm = b->macs;
                if (b->flops > bf) bf = b->flops;
            }
        if (iters < 0) { ga->exact = 0; gs->g->macs_exact = 0; iters = 1; }
        n->macs = hln__ga_mul(bm, (uint64_t)iters);
        n->flops = hln__ga_mul(bf, (uint64_t)iters);
        if (rule->rule == HLN__GA_OV_TI && n->macs) n->trip_count = (int32_t)(iters > INT32_MAX ? -1 : iters);
        return;
    }
    case HLN__GA_OV_LOOP: ga->exact = 0; gs->g->macs_exact = 0; return;
    default: return;
    }
    if (rule->rule <= HLN__GA_OV_MATMUL) {
        flops = hln__ga_mul(macs, 2);
        if (!macs) ga->exact = 0;
    } else if (rule->rule == HLN__GA_OV_CELL) flops = hln__ga_add(flops, hln__ga_mul(macs, 2));
    n->macs = macs;
    n->flops = flops;
    if (!ga->exact && macs == 0 && rule->rule <= HLN__GA_OV_CELL) gs->g->macs_exact = 0;
}

/* ---- graph analysis: declared-shape cost rule (TensorRT engine JSON) -------------------------
   Layers of domain "tensorrt" (haoline_trt.h) keep the dims the export declares. The export
   gives weight counts, not weight shapes: a layer with Weights and OutMaps (convolution,
   deconvolution, fully connected) costs output elements x Count / OutMaps MACs; the reader
   names the weights input in the INT attribute "weights_input". Other layers: no known cost. */
static void hln__ga_trt_cost(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    int64_t wi = hln__ga_attr_i(n, "weights_input", -1), maps = hln__ga_attr_i(n, "OutMaps", 0);
    const hln_value *wv;
    uint64_t out;
    if (!n->domain || strcmp(n->domain, "tensorrt") != 0 || wi < 0 || (uint64_t)wi >= n->n_inputs || maps <= 0 || n->inputs[wi] < 0) return;
    wv = &gs->g->values[n->inputs[wi]];
    if (wv->tensor < 0 || (uint32_t)wv->tensor >= ga->m->n_tensors) return;
    out = hln__ga_tflite_elems(ga, gs, n->n_outputs ? n->outputs[0] : -1);
    n->macs = hln__ga_mul(out, ga->m->tensors[wv->tensor].n_elements / (uint64_t)maps);
    n->flops = hln__ga_mul(n->macs, 2);
    if (!n->macs) { ga->exact = 0; gs->g->macs_exact = 0; }
}

/* ---- graphs ---- */
static int hln__ga_is_mac_kind(int kind) {
    switch (kind) {
    case HLN__GA_OP_MATMUL: case HLN__GA_OP_MATMUL_INT: case HLN__GA_OP_QLINEAR_MATMUL: case HLN__GA_OP_GEMM: case HLN__GA_OP_CONV:
    case HLN__GA_OP_CONV_INT: case HLN__GA_OP_QLINEAR_CONV: case HLN__GA_OP_CONVT: case HLN__GA_OP_EINSUM: case HLN__GA_OP_ATTENTION:
    case HLN__GA_OP_MHA: case HLN__GA_OP_LSTM: case HLN__GA_OP_GRU: case HLN__GA_OP_RNN: case HLN__GA_OP_IF: case HLN__GA_OP_LOOP:
    case HLN__GA_OP_SCAN: case HLN__GA_OP_LOOP_LIKE: case HLN__GA_OP_DEFORM_CONV:
        return 1;
    default: return 0;
    }
}

/* Values before any node runs: captured names from the enclosing graph, tensors, declared
   shapes with bindings applied; a subgraph's undeclared inputs from its owner's inputs. */
static void hln__ga_init_values(hln__ga *ga, hln__ga_gs *gs, const hln_node *owner, hln__ga_gs *caller) {
    hln_graph *g = gs->g;
    uint32_t i;
    for (i = 0; i < g->n_values; i++) {
        hln_value *v = &g->values[i];
        v->inferred.rank = -1;
        v->inferred.dims = NULL;
        v->bytes = 0;
        if (v->outer >= 0 && gs->parent && (uint32_t)v->outer < gs->parent->g->n_values) {
            hln_value *pv = &gs->parent->g->values[v->outer];
            v->inferred = pv->inferred;
            if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = pv->dtype;
            gs->cv[i] = gs->parent->cv[v->outer];
            gs->ncv[i] = gs->parent->ncv[v->outer];
        } else if (v->tensor >= 0 && (uint32_t)v->tensor < ga->m->n_tensors) {
            const hln_tensor *t = &ga->m->tensors[v->tensor];
            hln_dim d[HLN_MAX_DIMS];
            uint32_t k;
            if (t->n_dims <= HLN_MAX_DIMS) {
                for (k = 0; k < t->n_dims; k++) d[k] = hln__ga_dk(t->dims[k]);
                hln__ga_set_shape(ga, &v->inferred, (int32_t)t->n_dims, d);
            }
            if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = t->dtype;
            if (t->n_elements <= HLN__GA_CV_MAX && t->data && hln_dtype_get(t->dtype)->kind == HLN_KIND_INT) {
                hln__ga_cv c[HLN__GA_CV_MAX];
                uint64_t e;
                int64_t x;
                for (e = 0; e < t->n_elements && hln__ga_tensor_i64(t, e, &x); e++) { c[e].known = 1; c[e].v = x; c[e].sym = NULL; }
                if (e == t->n_elements) hln__ga_setcv(ga, gs, (int32_t)i, c, (int32_t)e);
            }
        } else if (v->shape.rank >= 0 && v->shape.rank <= HLN_MAX_DIMS) {
            hln_dim d[HLN_MAX_DIMS];
            memcpy(d, v->shape.dims, (size_t)v->shape.rank * sizeof *d);
            hln__ga_bind_dims(ga, d, v->shape.rank);
            hln__ga_set_shape(ga, &v->inferred, v->shape.rank, d);
        }
    }
    if (owner && caller) {   /* a function body: its formal inputs are the call's actual inputs */
        for (i = 0; i < g->n_inputs && i < owner->n_inputs; i++) {
            hln_value *v = &g->values[g->inputs[i]];
            const hln_value *src;
            if (owner->inputs[i] < 0) continue;
            src = &caller->g->values[owner->inputs[i]];
            v->inferred = src->inferred;
            v->dtype = src->dtype;
            gs->cv[g->inputs[i]] = caller->cv[owner->inputs[i]];
            gs->ncv[g->inputs[i]] = caller->ncv[owner->inputs[i]];
        }
        return;
    }
    if (!owner || !gs->parent) return;
    for (i = 0; i < g->n_inputs; i++) {
        hln_value *v = &g->values[g->inputs[i]];
        const hln_value *src = NULL;
        hln_dim d[HLN_MAX_DIMS];
        if (v->inferred.rank >= 0) continue;
        if (strcmp(owner->op_type, "Loop") == 0) {
            if (i < 2) {
                hln__ga_set_shape(ga, &v->inferred, 0, d);
                if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = i == 0 ? HLN_DTYPE_I64 : HLN_DTYPE_BOOL;
                continue;
            }
            if (owner == ga->carry_owner) {   /* a state whose shape changes across iterations */
                v->inferred = ga->carry[i - 2];
                if (v->dtype == HLN_DTYPE_UNKNOWN && i < owner->n_inputs && owner->inputs[i] >= 0)
                    v->dtype = gs->parent->g->values[owner->inputs[i]].dtype;
                continue;
            }
            if (i < owner->n_inputs && owner->inputs[i] >= 0) src = &gs->parent->g->values[owner->inputs[i]];
        } else if (strcmp(owner->op_type, "Scan") == 0) {
            /* Scan-8: sequence_lens first, every input with a leading batch axis the body does not
               see, scan axis 1. Scan-9+: no batch axis, scan axes from scan_input_axes. */
            uint32_t off = g->n_inputs + 1 == owner->n_inputs ? 1 : 0;
            int64_t ns = hln__ga_attr_i(owner, "num_scan_inputs", 0), first_scan = (int64_t)g->n_inputs - ns;
            if (i + off < owner->n_inputs && owner->inputs[i + off] >= 0) src = &gs->parent->g->values[owner->inputs[i + off]];
            if (owner == ga->carry_owner && (int64_t)i < first_scan) {
                v->inferred = ga->carry[i];
                if (v->dtype == HLN_DTYPE_UNKNOWN && src) v->dtype = src->dtype;
                continue;
            }
            if (src && src->inferred.rank >= 1 && (off || (int64_t)i >= first_scan)) {
                int32_t k, r = 0, na;
                const int64_t *axes = hln__ga_attr_ints(owner, "scan_input_axes", &na);
                int64_t axis = off ? 1 : (axes && (int64_t)i - first_scan < na ? axes[i - first_scan] : 0);
                if ((int64_t)i < first_scan) axis = -1;   /* Scan-8 state: only the batch axis goes */
                else axis = hln__ga_axis(axis, src->inferred.rank);
                for (k = 0; k < src->inferred.rank; k++) if (k != axis && !(off && k == 0)) d[r++] = src->inferred.dims[k];
                hln__ga_set_shape(ga, &v->inferred, r, d);
                if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = src->dtype;
                continue;
            }
        }
        if (src) {
            v->inferred = src->inferred;
            if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = src->dtype;
        }
    }
}

/* Kahn's algorithm; a node also depends on the producers of the names its subgraphs capture. */
static hln_result hln__ga_topo(hln__ga *ga, hln_graph *g, uint32_t **implicit, uint32_t *n_implicit) {
    uint32_t n = g->n_nodes, i, k, head = 0, tail = 0;
    uint32_t *indeg, *start, *edges, *fill, *queue;
    uint64_t n_edges = 0;
    hln_arena *a = &ga->scratch;
    indeg = (uint32_t *)hln_arena_array(a, (uint64_t)n + 1, sizeof(uint32_t));
    start = (uint32_t *)hln_arena_array(a, (uint64_t)n + 2, sizeof(uint32_t));
    fill = (uint32_t *)hln_arena_array(a, (uint64_t)n + 1, sizeof(uint32_t));
    g->order = (uint32_t *)hln_arena_array(ga->shapes, (uint64_t)n + 1, sizeof(uint32_t));
    if (!indeg || !start || !fill || !g->order) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    queue = g->order;
#define HLN__GA_EACH_DEP(node_index, body) do { \
        const hln_node *nd_ = &g->nodes[node_index]; uint32_t q_; \
        for (q_ = 0; q_ < nd_->n_inputs + n_implicit[node_index]; q_++) { \
            int32_t vi_ = q_ < nd_->n_inputs ? nd_->inputs[q_] : (int32_t)implicit[node_index][q_ - nd_->n_inputs]; \
            int32_t p_ = vi_ >= 0 && (uint32_t)vi_ < g->n_values ? g->values[vi_].producer : -1; \
            if (p_ >= 0 && (uint32_t)p_ < n && (uint32_t)p_ != (node_index)) { body } } } while (0)
    for (i = 0; i < n; i++) HLN__GA_EACH_DEP(i, { start[p_ + 1]++; indeg[i]++; n_edges++; });
    for (i = 0; i < n; i++) start[i + 1] += start[i];
    edges = (uint32_t *)hln_arena_array(a, n_edges + 1, sizeof(uint32_t));
    if (!edges) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < n; i++) HLN__GA_EACH_DEP(i, { edges[start[p_] + fill[p_]++] = i; });
#undef HLN__GA_EACH_DEP
    for (i = 0; i < n; i++) if (!indeg[i]) queue[tail++] = i;
    while (head < tail) {
        uint32_t u = queue[head++];
        for (k = start[u]; k < start[u + 1]; k++)
            if (--indeg[edges[k]] == 0) queue[tail++] = edges[k];
    }
    if (tail < n) {
        for (i = 0; i < n && !indeg[i]; i++) {}
        return hln_error_set(ga->err, HLN_ERR_LAYOUT, 0, "graph", "graph '%.60s' has a cycle through node %" PRIu32 " '%.60s' (%.40s)",
                             g->name ? g->name : "", i, g->nodes[i].name ? g->nodes[i].name : "", g->nodes[i].op_type);
    }
    return HLN_OK;
}

/* Outer values that node k's subgraphs capture, recursively. */
static hln_result hln__ga_implicit(hln__ga *ga, hln_graph *g, uint32_t ***implicit_out, uint32_t **n_out) {
    uint32_t **imp, *nimp, i, a, s, v;
    imp = (uint32_t **)hln_arena_array(&ga->scratch, (uint64_t)g->n_nodes + 1, sizeof *imp);
    nimp = (uint32_t *)hln_arena_array(&ga->scratch, (uint64_t)g->n_nodes + 1, sizeof *nimp);
    if (!imp || !nimp) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *nd = &g->nodes[i];
        uint32_t cnt = 0;
        for (a = 0; a < nd->n_attrs; a++) {
            const hln_attr *at = &nd->attrs[a];
            if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
            for (s = 0; s < at->count; s++)
                if (at->graphs[s]) for (v = 0; v < at->graphs[s]->n_values; v++) if (at->graphs[s]->values[v].outer >= 0) cnt++;
        }
        if (!cnt) continue;
        imp[i] = (uint32_t *)hln_arena_array(&ga->scratch, cnt, sizeof(uint32_t));
        if (!imp[i]) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
        for (a = 0; a < nd->n_attrs; a++) {
            const hln_attr *at = &nd->attrs[a];
            if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
            for (s = 0; s < at->count; s++)
                if (at->graphs[s])
                    for (v = 0; v < at->graphs[s]->n_values; v++)
                        if (at->graphs[s]->values[v].outer >= 0 && (uint32_t)at->graphs[s]->values[v].outer < g->n_values)
                            imp[i][nimp[i]++] = (uint32_t)at->graphs[s]->values[v].outer;
        }
    }
    *implicit_out = imp;
    *n_out = nimp;
    return HLN_OK;
}

/* Loop/Scan state whose shape the body changes (a growing Concat): the shape of every
   iteration is where the body's input and output agree; the body is analysed again at those
   shapes until they hold (each round only turns dims unknown), at most HLN__GA_MAX_RERUNS
   times per analysis. A state whose body input the file declares keeps the declaration. */
#define HLN__GA_MAX_RERUNS 64
static hln_result hln__ga_carry(hln__ga *ga, hln__ga_gs *gs, hln_node *n, hln_graph *body, uint32_t n_state, uint32_t depth) {
    int loop = strcmp(n->op_type, "Loop") == 0;
    uint32_t k, round;
    hln_shape *carry;
    if (!n_state || n_state > body->n_inputs || n_state + (loop ? 1u : 0u) > body->n_outputs) return HLN_OK;
    carry = (hln_shape *)hln_arena_array(&ga->scratch, n_state, sizeof *carry);
    if (!carry) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (round = 0; round <= HLN_MAX_DIMS; round++) {
        const hln_node *prev_owner = ga->carry_owner;
        const hln_shape *prev = ga->carry;
        int changed = 0;
        hln_result r;
        for (k = 0; k < n_state; k++) {
            const hln_value *bin = &body->values[body->inputs[loop ? k + 2 : k]];
            const hln_value *bout = &body->values[body->outputs[loop ? k + 1 : k]];
            hln_dim d[HLN_MAX_DIMS];
            int32_t rank;
            carry[k] = bin->inferred;
            if (bin->shape.rank >= 0 || bin->inferred.rank < 0) continue;   /* declared, or unknown already */
            rank = hln__ga_merge(&bin->inferred, &bout->inferred, d);
            if (rank == bin->inferred.rank) {
                int32_t i;
                for (i = 0; i < rank; i++) {
                    hln_dim x = d[i], y = bin->inferred.dims[i];
                    if (!(hln__ga_dsame(x, y) || (x.value < 0 && !x.param && y.value < 0 && !y.param))) break;
                }
                if (i == rank) continue;
            }
            changed = 1;
            if (!hln__ga_set_shape(ga, &carry[k], rank, d)) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
        }
        if (!changed) return HLN_OK;
        if (ga->reruns >= HLN__GA_MAX_RERUNS) {   /* no more: the body's shapes are not those of every iteration */
            for (k = 0; k < body->n_values; k++) body->values[k].inferred.rank = -1;
            ga->exact = 0;
            return HLN_OK;
        }
        ga->reruns++;
        ga->revisit++;
        ga->carry_owner = n;
        ga->carry = carry;
        r = hln__ga_graph(ga, body, gs, depth + 1, n, NULL);
        ga->carry_owner = prev_owner;
        ga->carry = prev;
        ga->revisit--;
        if (r != HLN_OK) return r;
        carry = (hln_shape *)hln_arena_array(&ga->scratch, n_state, sizeof *carry);
        if (!carry) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    return HLN_OK;
}

/* A control-flow node: analyse its graphs, cost them, shape its outputs. */
/* The weights of every graph attribute of n (If: both branches; Loop/Scan: the body once),
   from the node params their own pass counted: the control-flow node owns them. */
static uint64_t hln__ga_nested_params(const hln_node *n) {
    uint64_t p = 0;
    uint32_t a, s, k;
    for (a = 0; a < n->n_attrs; a++) {
        const hln_attr *at = &n->attrs[a];
        if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
        for (s = 0; s < at->count; s++)
            if (at->graphs[s])
                for (k = 0; k < at->graphs[s]->n_nodes; k++) p = hln__ga_add(p, at->graphs[s]->nodes[k].params);
    }
    return p;
}

static hln_result hln__ga_control(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def, uint32_t depth) {
    uint32_t a, s, k;
    hln_graph *then_g = NULL, *else_g = NULL, *body = NULL;
    hln_result r;
    int exact = 1;
    for (a = 0; a < n->n_attrs; a++) {
        hln_attr *at = &n->attrs[a];
        if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
        for (s = 0; s < at->count; s++) {
            hln_graph *sg = at->graphs[s];
            if (!sg) continue;
            if ((r = hln__ga_graph(ga, sg, gs, depth + 1, n, NULL)) != HLN_OK) return r;
            exact &= sg->macs_exact;
            if (strcmp(at->name, "then_branch") == 0) then_g = sg;
            else if (strcmp(at->name, "else_branch") == 0) else_g = sg;
            else if (strcmp(at->name, "body") == 0) body = sg;
            if (def->kind != HLN__GA_OP_IF && def->kind != HLN__GA_OP_LOOP && def->kind != HLN__GA_OP_SCAN) {
                n->macs = hln__ga_add(n->macs, sg->macs);
                n->flops = hln__ga_add(n->flops, sg->flops);
            }
        }
    }
    if (!exact) ga->exact = 0;
    if (def->kind == HLN__GA_OP_IF && then_g && else_g) {
        int64_t cond[1];
        int32_t clen;
        int taken = hln__ga_incv_ints(gs, n, 0, cond, 1, &clen) && clen == 1 ? (cond[0] ? 1 : 2) : 0;
        /* the larger branch; both stay readable in then_g->macs / else_g->macs. Shapes come from
           the taken branch when the condition folds to a constant, else where both agree. */
        n->macs = then_g->macs > else_g->macs ? then_g->macs : else_g->macs;
        n->flops = then_g->flops > else_g->flops ? then_g->flops : else_g->flops;
        for (k = 0; k < n->n_outputs && k < then_g->n_outputs; k++) {
            const hln_value *tv = &then_g->values[then_g->outputs[k]];
            const hln_value *ev = k < else_g->n_outputs ? &else_g->values[else_g->outputs[k]] : NULL;
            if (taken == 2 && ev) { tv = ev; ev = NULL; }
            if (taken) {
                hln__ga_out_like(ga, gs, n, k, tv->dtype, tv->inferred.rank >= 0 ? &tv->inferred : NULL);
                continue;
            }
            hln_dim d[HLN_MAX_DIMS];
            int32_t rank = ev && tv->inferred.rank >= 0 ? hln__ga_merge(&tv->inferred, &ev->inferred, d) : -1;
            hln__ga_out(ga, gs, n, k, tv->dtype, rank, d);
        }
    } else if ((def->kind == HLN__GA_OP_LOOP || def->kind == HLN__GA_OP_SCAN) && body) {
        int64_t trip = -1;
        uint32_t n_state = 0, off = 0;
        if (def->kind == HLN__GA_OP_LOOP) {
            int64_t m[1];
            int32_t len;
            if (hln__ga_incv_ints(gs, n, 0, m, 1, &len) && len == 1 && m[0] >= 0) trip = m[0];
            n_state = n->n_inputs >= 2 ? n->n_inputs - 2 : 0;
            off = 2;
        } else {
            int64_t ns = hln__ga_attr_i(n, "num_scan_inputs", 0);
            uint32_t first_scan;
            off = body->n_inputs + 1 == n->n_inputs ? 1 : 0;
            n_state = ns >= 0 && (uint64_t)ns <= body->n_inputs ? body->n_inputs - (uint32_t)ns : 0;
            first_scan = off + n_state;
            if (first_scan < n->n_inputs) {
                const hln_shape *sx = hln__ga_in(gs, n, first_scan);
                int32_t na;
                const int64_t *axes = hln__ga_attr_ints(n, "scan_input_axes", &na);
                int64_t axis = off ? 1 : (axes && na > 0 ? axes[0] : 0);
                if (sx) {
                    axis = hln__ga_axis(axis, sx->rank);
                    if (axis >= 0 && axis < sx->rank && sx->dims[axis].value >= 0) trip = sx->dims[axis].value;
                }
            }
        }
        if ((r = hln__ga_carry(ga, gs, n, body, n_state, depth)) != HLN_OK) return r;
        if (!body->macs_exact) ga->exact = 0;
        n->trip_count = trip > INT32_MAX ? INT32_MAX : (int32_t)trip;
        if (trip < 0) ga->exact = 0;
        n->macs = hln__ga_mul(body->macs, trip >= 0 ? (uint64_t)trip : 1);
        n->flops = hln__ga_mul(body->flops, trip >= 0 ? (uint64_t)trip : 1);
        for (k = 0; k < n->n_outputs; k++) {
            uint32_t bo = def->kind == HLN__GA_OP_LOOP ? k + 1 : k;   /* Loop body outputs: cond first */
            const hln_value *bv = bo < body->n_outputs ? &body->values[body->outputs[bo]] : NULL;
            hln_dim d[HLN_MAX_DIMS];
            if (!bv) continue;
            if (k < n_state) {   /* the state after the last iteration: its shape in every iteration */
                const hln_value *bin = &body->values[body->inputs[def->kind == HLN__GA_OP_LOOP ? k + 2 : k]];
                int32_t rank = hln__ga_merge(&bin->inferred, &bv->inferred, d + 1);
                if (rank >= 0 && off && def->kind == HLN__GA_OP_SCAN) {   /* Scan-8: the batch axis again */
                    const hln_shape *sin = hln__ga_in(gs, n, off + k);
                    d[0] = sin && sin->rank == rank + 1 ? sin->dims[0] : hln__ga_du();
                    rank++;
                    hln__ga_out(ga, gs, n, k, bv->dtype, rank, d);
                } else hln__ga_out(ga, gs, n, k, bv->dtype, rank, d + 1);
            } else if (bv->inferred.rank >= 0 && bv->inferred.rank + 1 < HLN_MAX_DIMS) {
                /* the trip axis: first (Loop), at scan_output_axes (Scan-9+), after the batch axis of
                   the first input (Scan-8) */
                int32_t rank = bv->inferred.rank, na, at = 0, q, b = 0;
                const int64_t *axes = hln__ga_attr_ints(n, "scan_output_axes", &na);
                hln_dim trip_dim = trip >= 0 ? hln__ga_dk(trip) : hln__ga_du(), batch = hln__ga_du();
                if (def->kind == HLN__GA_OP_SCAN && off) {
                    const hln_shape *s0 = hln__ga_in(gs, n, 1);
                    if (s0 && s0->rank >= 1) batch = s0->dims[0];
                    d[b++] = batch;
                } else if (def->kind == HLN__GA_OP_SCAN && axes && (int64_t)(k - n_state) < na) {
                    at = (int32_t)hln__ga_axis(axes[k - n_state], rank + 1);
                    if (at < 0 || at > rank) { hln__ga_out(ga, gs, n, k, bv->dtype, -1, NULL); continue; }
                }
                for (q = 0; q < rank + 1; q++) d[b + q] = q == at ? trip_dim : bv->inferred.dims[q < at ? q : q - 1];
                hln__ga_out(ga, gs, n, k, bv->dtype, rank + 1 + b, d);
            }
        }
    }
    return HLN_OK;
}

static uint64_t hln__ga_value_bytes(const hln_value *v) {
    uint64_t e = 1, b;
    int32_t i;
    int ok;
    if (v->inferred.rank < 0) return 0;
    for (i = 0; i < v->inferred.rank; i++) e = hln__ga_mul(e, v->inferred.dims[i].value >= 0 ? (uint64_t)v->inferred.dims[i].value : 1);
    b = hln_dtype_nbytes(v->dtype == HLN_DTYPE_UNKNOWN || hln_dtype_get(v->dtype)->type_size == 0 ? HLN_DTYPE_F32 : v->dtype, e, &ok);
    return ok ? b : UINT64_MAX;
}

/* Peak of live activation bytes along the topological order. Weights (values backed by
   tensors) are not activations; inputs, and values read but never produced (a TFLite
   variable's state), are live from the start; a value dies after its last reader unless it
   is a graph output. */
static hln_result hln__ga_liveness(hln__ga *ga, hln_graph *g, uint32_t **implicit, uint32_t *n_implicit) {
    uint32_t *uses = (uint32_t *)hln_arena_array(&ga->scratch, (uint64_t)g->n_values + 1, sizeof(uint32_t));
    uint8_t *pinned = (uint8_t *)hln_arena_alloc(&ga->scratch, (size_t)g->n_values + 1);
    uint64_t cur = 0, peak = 0;
    uint32_t i, k, q;
    if (!uses || !pinned) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < g->n_values; i++) {
        hln_value *v = &g->values[i];
        v->bytes = v->tensor >= 0 ? 0 : hln__ga_value_bytes(v);
    }
    for (i = 0; i < g->n_outputs; i++) if (g->outputs[i] >= 0) pinned[g->outputs[i]] = 1;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *nd = &g->nodes[i];
        for (q = 0; q < nd->n_inputs + n_implicit[i]; q++) {
            int32_t vi = q < nd->n_inputs ? nd->inputs[q] : (int32_t)implicit[i][q - nd->n_inputs];
            if (vi >= 0) uses[vi]++;
        }
    }
    for (i = 0; i < g->n_inputs; i++) if (g->inputs[i] >= 0) cur = hln__ga_add(cur, g->values[g->inputs[i]].bytes);
    for (i = 0; i < g->n_inputs; i++) if (g->inputs[i] >= 0) pinned[g->inputs[i]] |= 2;
    for (i = 0; i < g->n_values; i++)   /* read, never produced, not an input (TFLite variable state): live from the start */
        if (uses[i] && g->values[i].producer < 0 && g->values[i].outer < 0 && !(pinned[i] & 2)) cur = hln__ga_add(cur, g->values[i].bytes);
    for (i = 0; i < g->n_inputs; i++) if (g->inputs[i] >= 0) pinned[g->inputs[i]] &= 1;
    peak = cur;
    for (k = 0; k < g->n_nodes; k++) {
        uint32_t ni = g->order[k];
        const hln_node *nd = &g->nodes[ni];
        uint64_t sub = 0;
        uint32_t a, s;
        for (q = 0; q < nd->n_outputs; q++) if (nd->outputs[q] >= 0) cur = hln__ga_add(cur, g->values[nd->outputs[q]].bytes);
        for (a = 0; a < nd->n_attrs; a++)
            if ((nd->attrs[a].type == HLN_ATTR_GRAPH || nd->attrs[a].type == HLN_ATTR_GRAPHS) && nd->attrs[a].graphs)
                for (s = 0; s < nd->attrs[a].count; s++)
                    if (nd->attrs[a].graphs[s] && nd->attrs[a].graphs[s]->activation_peak_bytes > sub)
                        sub = nd->attrs[a].graphs[s]->activation_peak_bytes;
        if (hln__ga_add(cur, sub) > peak) peak = hln__ga_add(cur, sub);
        for (q = 0; q < nd->n_inputs + n_implicit[ni]; q++) {
            int32_t vi = q < nd->n_inputs ? nd->inputs[q] : (int32_t)implicit[ni][q - nd->n_inputs];
            if (vi >= 0 && uses[vi] && --uses[vi] == 0 && !pinned[vi] && g->values[vi].outer < 0) cur -= g->values[vi].bytes;
        }
        for (q = 0; q < nd->n_outputs; q++) {
            int32_t vo = nd->outputs[q];
            if (vo >= 0 && !uses[vo] && !pinned[vo]) { cur -= g->values[vo].bytes; pinned[vo] = 1; }
        }
    }
    g->activation_peak_bytes = peak;
    return HLN_OK;
}

/* Function calls are expanded at most 16 deep, never recursively, and for at most 4M body
   nodes in all: a crafted call tree cannot make the analysis blow up. */
static int hln__ga_can_expand(const hln__ga *ga, const hln_graph *fn) {
    uint32_t i;
    if (ga->in_function >= 16 || ga->fn_nodes + fn->n_nodes > ((uint64_t)4 << 20)) return 0;
    for (i = 0; i < ga->in_function; i++) if (ga->active[i] == fn) return 0;
    return 1;
}

/* The model-local function a node calls (same op_type and domain), or NULL. */
static hln_graph *hln__ga_function(const hln__ga *ga, const hln_node *n) {
    const hln_graph *main_graph = ga->m->graph;
    uint32_t i;
    for (i = 0; i < main_graph->n_functions; i++) {
        hln_graph *f = main_graph->functions[i];
        if (f && f->name && strcmp(f->name, n->op_type) == 0 && strcmp(f->domain ? f->domain : "", n->domain ? n->domain : "") == 0)
            return f;
    }
    return NULL;
}

static hln_result hln__ga_graph(hln__ga *ga, hln_graph *g, hln__ga_gs *parent, uint32_t depth, const hln_node *owner,
                                hln__ga_gs *caller) {
    hln__ga_gs gs;
    uint32_t **implicit = NULL, *n_implicit = NULL, k, i;
    hln_result r;
    memset(&gs, 0, sizeof gs);
    gs.g = g;
    gs.parent = parent;
    gs.cv = (hln__ga_cv **)hln_arena_array(&ga->scratch, (uint64_t)g->n_values + 1, sizeof *gs.cv);
    gs.ncv = (int32_t *)hln_arena_array(&ga->scratch, (uint64_t)g->n_values + 1, sizeof *gs.ncv);
    if (!gs.cv || !gs.ncv) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    g->depth = depth;
    g->macs = g->flops = 0;
    g->macs_exact = 1;
    if (!ga->in_function && !ga->revisit) {
        if (depth > ga->max_depth) ga->max_depth = depth;
        if (depth) ga->subgraphs++;
        ga->nodes_all += g->n_nodes;
        if (ga->n_counted == ga->cap_counted) {   /* the graph list for ops_all */
            uint32_t cap = ga->cap_counted ? 2 * ga->cap_counted : 8;
            hln_graph **p = (hln_graph **)hln_arena_array(&ga->scratch, cap, sizeof *p);
            if (!p) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
            if (ga->n_counted) memcpy(p, ga->counted, ga->n_counted * sizeof *p);
            ga->counted = p;
            ga->cap_counted = cap;
        }
        ga->counted[ga->n_counted++] = g;
        for (i = 0; i < g->n_initializers; i++)
            if ((uint32_t)g->initializers[i] < ga->m->n_tensors) ga->params_all += ga->m->tensors[g->initializers[i]].n_elements;
    }
    hln__ga_init_values(ga, &gs, owner, caller);
    if ((r = hln__ga_implicit(ga, g, &implicit, &n_implicit)) != HLN_OK) return r;
    if ((r = hln__ga_topo(ga, g, implicit, n_implicit)) != HLN_OK) return r;
    for (k = 0; k < g->n_nodes; k++) {
        hln_node *n = &g->nodes[g->order[k]];
        const hln__ga_opdef *def = hln__ga_op(ga, n);
        uint32_t q;
        n->macs = n->flops = n->params = 0;
        n->trip_count = 0;
        ga->exact = 1;
        ga->visited++;
        if (def->kind == HLN__GA_OP_CONSTANT && !ga->in_function && !ga->revisit) {
            for (q = 0; q < n->n_attrs; q++)
                if (n->attrs[q].tensors && n->attrs[q].count && (uint32_t)n->attrs[q].tensors[0] < ga->m->n_tensors)
                    ga->constant_params_all += ga->m->tensors[n->attrs[q].tensors[0]].n_elements;
        }
        {
            int has_graph = 0;
            for (q = 0; q < n->n_attrs; q++) if (n->attrs[q].type == HLN_ATTR_GRAPH || n->attrs[q].type == HLN_ATTR_GRAPHS) has_graph = 1;
            hln_graph *fn = def->kind == HLN__GA_OP_OTHER ? hln__ga_function(ga, n) : NULL;
            if (has_graph) {
                if ((r = hln__ga_control(ga, &gs, n, def, depth)) != HLN_OK) return r;
                n->params = hln__ga_nested_params(n);
            }
            else if (fn && hln__ga_can_expand(ga, fn)) {   /* a call: cost and shape the body at the call's shapes */
                uint32_t o;
                ga->fn_nodes += fn->n_nodes;
                ga->active[ga->in_function++] = fn;
                r = hln__ga_graph(ga, fn, NULL, depth, n, &gs);
                ga->in_function--;
                if (r != HLN_OK) return r;
                n->macs = fn->macs;
                n->flops = fn->flops;
                if (!fn->macs_exact) ga->exact = 0;
                for (o = 0; o < n->n_outputs && o < fn->n_outputs; o++) {
                    const hln_value *fv = &fn->values[fn->outputs[o]];
                    hln__ga_out_like(ga, &gs, n, o, fv->dtype, fv->inferred.rank >= 0 ? &fv->inferred : NULL);
                }
            }
            else {
                if (fn) { ga->exact = 0; g->macs_exact = 0; }   /* a call not expanded */
                hln__ga_infer_generic(ga, &gs, n, def);
            }
        }
        hln__ga_tflite_cost(ga, &gs, n);   /* declared-shape rules; nothing for other domains */
        hln__ga_openvino_cost(ga, &gs, n);
        hln__ga_trt_cost(ga, &gs, n);
        for (q = 0; q < n->n_inputs; q++) {   /* weights read by this node, each counted once */
            int32_t vi = n->inputs[q], ti;
            if (vi < 0) continue;
            ti = hln__value_tensor(ga->m, g, vi);   /* a weight captured from an enclosing graph too */
            if (ti >= 0 && (!ga->tensor_owner[ti] || ga->tensor_owner[ti] == n) &&
                !(ga->m->tensors[ti].flags & HLN_TENSOR_ATTRIBUTE) && !(ga->roles[ti].flags & HLN_ROLE_SHAPE_CONSTANT)) {
                ga->tensor_owner[ti] = n;
                n->params += ga->m->tensors[ti].n_elements;
            }
        }
        n->exact = (uint8_t)ga->exact;
        if (!ga->exact && (hln__ga_is_mac_kind(def->kind) || n->macs)) g->macs_exact = 0;
        g->macs = hln__ga_add(g->macs, n->macs);
        g->flops = hln__ga_add(g->flops, n->flops);
    }
    return hln__ga_liveness(ga, g, implicit, n_implicit);
}

static int hln__ga_opstat_cmp_before(const hln_op_stat *a, const hln_op_stat *b) {
    if (a->macs != b->macs) return a->macs > b->macs;
    if (a->count != b->count) return a->count > b->count;
    return strcmp(a->op, b->op) < 0;
}

/* One analysis of the whole model at these bindings; *out holds its state for the summary
   (hln__ga_end frees it). */
/* `roles`: hln_model_tensor_roles of m (they do not depend on bindings), or NULL to compute them. */
static hln_result hln__ga_begin(hln_model *m, const hln_binding *bind, uint32_t n_bind, const hln_tensor_role *roles,
                                hln_arena *shapes, hln_error *err, hln__ga **out) {
    hln__ga *ga = (hln__ga *)hln_allocator_alloc(&m->arena.allocator, sizeof *ga);
    hln_tensor_role *own = NULL;
    hln_result r;
    *out = NULL;
    if (!ga) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    memset(ga, 0, sizeof *ga);
    ga->m = m;
    ga->shapes = shapes;
    ga->bind = bind;
    ga->n_bind = n_bind;
    ga->err = err;
    ga->scratch.allocator = m->arena.allocator;
    hln__ga_optab(ga);
    ga->tensor_owner = (const hln_node **)hln_arena_array(&ga->scratch, (uint64_t)m->n_tensors + 1, sizeof *ga->tensor_owner);
    if (!roles && (own = (hln_tensor_role *)hln_arena_array(&ga->scratch, (uint64_t)m->n_tensors + 1, sizeof *own)) != NULL &&
        hln_model_tensor_roles(m, own) != HLN_OK) own = NULL;   /* node params leave shape constants out */
    ga->roles = roles ? roles : own;
    r = ga->tensor_owner && ga->roles ? hln__ga_graph(ga, m->graph, NULL, 0, NULL, NULL)
                                      : hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if (r == HLN_OK) r = hln__ga_tflite_entries(ga);
    if (r == HLN_OK && ga->nomem) r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    *out = ga;
    return r;
}
static void hln__ga_end(hln__ga *ga) {
    if (!ga) return;
    hln_arena_free(&ga->scratch);
    hln_allocator_free(&ga->m->arena.allocator, ga);
}

/* ---- bindings: the caller's, then defaults a person would pick ----
   Names and metadata keys below are the vocabulary of model files (Hugging Face configs,
   GPT-2/BERT/ViT tensor names), kept in these tables only. */
static const char *const hln__ga_context_keys[] = { "max_position_embeddings", "n_positions", "n_ctx", "context_length" };
static const char *const hln__ga_position_tables[] = { "wpe.", "position_embedding", "pos_embed", "pos_emb" };
static const char *const hln__ga_batch_names[] = { "batch", "bsz" };
static const char *const hln__ga_sequence_names[] = { "seq", "len", "time", "token", "step", "frame", "past", "context",
                                                       "position", "sentence", "total", "word" };
static const char *const hln__ga_image_names[] = { "height", "width", "img", "image" };

static int hln__ga_ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) if ((*a | 32) != (*b | 32)) return 0;
    return *a == *b;
}
static int hln__ga_names(const char *name, const char *const *list, size_t n) {   /* case-insensitive substring */
    size_t i, k, ln = strlen(name);
    for (i = 0; i < n; i++) {
        size_t lk = strlen(list[i]);
        for (k = 0; k + lk <= ln; k++) {
            size_t c;
            for (c = 0; c < lk && (name[k + c] | 32) == list[i][c]; c++) {}
            if (c == lk) return 1;
        }
    }
    return 0;
}
#define HLN__GA_NAMES(name, list) hln__ga_names(name, list, sizeof list / sizeof list[0])

/* The model's own context: its hyperparameters, a config key, or the rows of a position table. */
static int64_t hln__ga_context(const hln_model *m) {
    size_t k;
    uint32_t i;
    if (m->hp.context_length > 0) return m->hp.context_length;
    for (i = 0; i < m->n_kv; i++)
        for (k = 0; k < sizeof hln__ga_context_keys / sizeof hln__ga_context_keys[0]; k++) {
            size_t lk = strlen(hln__ga_context_keys[k]), ln = m->kv[i].key ? strlen(m->kv[i].key) : 0;
            int64_t v;
            if (ln >= lk && strcmp(m->kv[i].key + ln - lk, hln__ga_context_keys[k]) == 0 && hln_kv_as_i64(&m->kv[i], &v) && v > 0)
                return v;
        }
    for (i = 0; i < m->n_tensors; i++)
        if (m->tensors[i].n_dims == 2 && m->tensors[i].name && HLN__GA_NAMES(m->tensors[i].name, hln__ga_position_tables) &&
            m->tensors[i].dims[0] > 0)
            return (int64_t)m->tensors[i].dims[0];
    return -1;
}
static int64_t hln__ga_image_side(const hln_model *m) {
    uint32_t i;
    for (i = 0; i < m->n_kv; i++) {
        size_t ln = m->kv[i].key ? strlen(m->kv[i].key) : 0;
        int64_t v;
        if (ln >= 10 && strcmp(m->kv[i].key + ln - 10, "image_size") == 0 && hln_kv_as_i64(&m->kv[i], &v) && v > 0) return v;
    }
    return HLN_DEFAULT_IMAGE_SIDE;
}

/* The role of a symbolic dim: by its name, else by where it sits (first axis: batch; the last
   two of a 4-D or 5-D float input: image sides; the second of a 2-D or 3-D input: sequence). */
static hln_dim_source hln__ga_dim_role(const char *name, int32_t axis, const hln_value *v) {
    int32_t rank = v->shape.rank;
    int is_float = hln_dtype_get(v->dtype)->kind == HLN_KIND_FLOAT;
    if (HLN__GA_NAMES(name, hln__ga_batch_names) || hln__ga_ieq(name, "N") || hln__ga_ieq(name, "B") || hln__ga_ieq(name, "bs"))
        return HLN_DIM_BATCH;
    if (HLN__GA_NAMES(name, hln__ga_image_names) || hln__ga_ieq(name, "H") || hln__ga_ieq(name, "W")) return HLN_DIM_IMAGE;
    if (HLN__GA_NAMES(name, hln__ga_sequence_names) || hln__ga_ieq(name, "T") || hln__ga_ieq(name, "S") || hln__ga_ieq(name, "L"))
        return HLN_DIM_SEQUENCE;
    if (axis == 0) return HLN_DIM_BATCH;
    if (is_float && (rank == 4 || rank == 5) && axis >= rank - 2) return HLN_DIM_IMAGE;
    if ((rank == 2 || rank == 3) && axis == 1) return HLN_DIM_SEQUENCE;
    return HLN_DIM_OTHER;
}

HLN_DEF const char *hln_dim_source_name(hln_dim_source s) {
    switch (s) {
    case HLN_DIM_BOUND: return "bound";
    case HLN_DIM_BATCH: return "batch";
    case HLN_DIM_CONTEXT: return "context";
    case HLN_DIM_SEQUENCE: return "sequence";
    case HLN_DIM_IMAGE: return "image";
    default: return "other";
    }
}

/* Every dim name of every declared shape (bindings may name any), and the inputs' dims with
   their values: the caller's, else the defaults. */
static int hln__ga_has_dim(const hln_graph *g, const char *name, uint32_t depth) {
    uint32_t i, a, s;
    int32_t d;
    if (!g || depth > 64) return 0;
    for (i = 0; i < g->n_values; i++)
        for (d = 0; d < g->values[i].shape.rank; d++)
            if (g->values[i].shape.dims && g->values[i].shape.dims[d].param && strcmp(g->values[i].shape.dims[d].param, name) == 0) return 1;
    for (i = 0; i < g->n_nodes; i++)
        for (a = 0; a < g->nodes[i].n_attrs; a++)
            if (g->nodes[i].attrs[a].graphs)
                for (s = 0; s < g->nodes[i].attrs[a].count; s++)
                    if (hln__ga_has_dim(g->nodes[i].attrs[a].graphs[s], name, depth + 1)) return 1;
    for (i = 0; i < g->n_functions; i++) if (hln__ga_has_dim(g->functions[i], name, depth + 1)) return 1;
    return 0;
}

static hln_result hln__ga_bindings(hln_model *m, const hln_graph_options *o, hln_graph_summary *out, hln_binding **all,
                                   uint32_t *n_all, hln_error *err) {
    const hln_graph *g = m->graph;
    uint32_t i, b, cap = o->n_bindings, n = 0;
    int32_t d;
    int64_t context = -2;
    for (i = 0; i < g->n_inputs; i++) {
        const hln_value *v = &g->values[g->inputs[i]];
        if (v->tensor < 0 && v->shape.rank > 0) cap += (uint32_t)v->shape.rank;
    }
    out->dims = (hln_dim_value *)hln_arena_array(&m->arena, (uint64_t)cap + 1, sizeof *out->dims);
    *all = (hln_binding *)hln_arena_array(&m->arena, (uint64_t)cap + 1, sizeof **all);
    if (!out->dims || !*all) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < g->n_inputs; i++) {   /* the inputs' dims, in order of first use */
        const hln_value *v = &g->values[g->inputs[i]];
        for (d = 0; d < v->shape.rank && v->tensor < 0; d++) {
            const char *p = v->shape.dims[d].value < 0 ? v->shape.dims[d].param : NULL;
            hln_dim_value *dv;
            uint32_t q;
            if (!p) continue;
            for (q = 0; q < out->n_dims && strcmp(out->dims[q].name, p) != 0; q++) {}
            if (q < out->n_dims) continue;
            dv = &out->dims[out->n_dims++];
            dv->name = p;
            dv->source = hln__ga_dim_role(p, d, v);
            if (dv->source == HLN_DIM_SEQUENCE && (context == -2 ? (context = hln__ga_context(m)) : context) > 0) {
                dv->source = HLN_DIM_CONTEXT;
                dv->value = context;
            } else dv->value = dv->source == HLN_DIM_SEQUENCE ? HLN_DEFAULT_SEQUENCE : dv->source == HLN_DIM_IMAGE ? hln__ga_image_side(m) : 1;
        }
    }
    for (b = 0; b < o->n_bindings; b++) {   /* the caller's: first, over the defaults */
        const hln_binding *x = &o->bindings[b];
        if (!x->name || x->value < 1)
            return hln_error_set(err, HLN_ERR_ARG, 0, "bindings", "binding %.60s=%lld: a dim is at least 1",
                                 x->name ? x->name : "(null)", (long long)x->value);
        if (!hln__ga_has_dim(g, x->name, 0)) {
            char names[200];
            size_t used = 0;
            names[0] = 0;
            for (i = 0; i < out->n_dims && used < sizeof names; i++)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", out->dims[i].name);
            return hln_error_set(err, HLN_ERR_ARG, 0, "bindings", "the model has no dim '%.40s' (its dims: %s)", x->name,
                                 names[0] ? names : "none");
        }
        for (i = 0; i < out->n_dims; i++)
            if (out->dims[i].source != HLN_DIM_BOUND && strcmp(out->dims[i].name, x->name) == 0) {
                out->dims[i].source = HLN_DIM_BOUND;
                out->dims[i].value = x->value;
            }
        (*all)[n].name = x->name;
        (*all)[n].value = x->value;
        n++;
    }
    for (i = 0; i < out->n_dims && !o->no_defaults; i++)
        if (out->dims[i].source != HLN_DIM_BOUND) { (*all)[n].name = out->dims[i].name; (*all)[n].value = out->dims[i].value; n++; }
    *n_all = n;
    for (i = 0; i < g->n_inputs; i++) {   /* no input may outgrow 64 bits */
        const hln_value *v = &g->values[g->inputs[i]];
        uint64_t e = 1;
        int ok = 1;
        for (d = 0; d < v->shape.rank && v->tensor < 0; d++) {
            uint64_t dv = v->shape.dims[d].value >= 0 ? (uint64_t)v->shape.dims[d].value : 1;
            for (b = 0; v->shape.dims[d].value < 0 && v->shape.dims[d].param && b < n; b++)
                if (strcmp((*all)[b].name, v->shape.dims[d].param) == 0) { dv = (uint64_t)(*all)[b].value; break; }
            if (hln_mul_overflow(e, dv, &e)) ok = 0;
        }
        if (ok && v->tensor < 0) hln_dtype_nbytes(hln_dtype_get(v->dtype)->type_size ? v->dtype : HLN_DTYPE_F32, e, &ok);
        if (!ok)
            return hln_error_set(err, HLN_ERR_ARG, 0, "bindings", "with these dim values input '%.60s' holds more than 2^64 bytes",
                                 v->name ? v->name : "");
    }
    return HLN_OK;
}

/* ---- the cost formula ----
   MACs are a polynomial in the free dims for the graphs HaoLine costs (products of dims per
   node, summed), except where a shape rounds (strided windows) or clamps (Slice, a table of
   the model's context): sample the MACs at 1, 2, 3... (image sides: 32, 64, 96...: strides
   divide them), find each dim's degree from finite differences, interpolate (Newton, per
   axis), snap coefficients to multiples of 2^-20, and keep the formula only if it gives the
   exact MACs at the defaults and off the sample grid. */
#define HLN__GA_IMAGE_STEP 32
typedef struct hln__ga_sampler {
    hln_model   *m;
    hln_binding *bind;        /* every binding; free dims at free_at[i] */
    uint32_t     n_bind, n_free, free_at[HLN_FORMULA_MAX_DIMS];
    int64_t      step[HLN_FORMULA_MAX_DIMS];   /* sample spacing of each free dim */
    hln_error   *err;
    const hln_tensor_role *roles;   /* computed once for every sample */
    int          inexact;     /* a sample was not exact or saturated, or the budget ran out: no formula */
    uint64_t     spent;       /* node analyses so far, against HLN_FORMULA_MAX_WORK */
} hln__ga_sampler;

static double hln__ga_sample(hln__ga_sampler *s, const int64_t *x, hln_result *r) {
    hln_arena tmp;
    hln__ga *ga;
    double v = 0;
    uint32_t i;
    memset(&tmp, 0, sizeof tmp);
    tmp.allocator = s->m->arena.allocator;
    for (i = 0; i < s->n_free; i++) s->bind[s->free_at[i]].value = x[i];
    if (s->spent > HLN_FORMULA_MAX_WORK) { s->inexact = 1; *r = HLN_OK; return 0; }   /* a huge graph: no formula */
    *r = hln__ga_begin(s->m, s->bind, s->n_bind, s->roles, &tmp, s->err, &ga);
    if (*r == HLN_OK) {
        if (!s->m->graph->macs_exact || s->m->graph->macs == UINT64_MAX) s->inexact = 1;
        v = (double)s->m->graph->macs;
    }
    if (ga) s->spent += ga->visited;
    hln__ga_end(ga);
    hln_arena_free(&tmp);
    return v;
}

/* Monomial coefficients (in t) of the polynomial through (t = 1..n, y): Newton, then expanded. */
static void hln__ga_newton(double *y, uint32_t n, uint32_t stride) {
    double a[HLN_FORMULA_MAX_DEGREE + 1], c[HLN_FORMULA_MAX_DEGREE + 1];
    uint32_t i, k;
    for (i = 0; i < n; i++) a[i] = y[i * stride];
    for (k = 1; k < n; k++)
        for (i = n - 1; i >= k; i--) a[i] = (a[i] - a[i - 1]) / (double)k;   /* points 1 apart */
    memset(c, 0, sizeof c);
    c[0] = a[n - 1];
    for (k = n - 1; k-- > 0;) {   /* c = c * (t - (k + 1)) + a[k] */
        for (i = n - 1; i > 0; i--) c[i] = c[i - 1] - (double)(k + 1) * c[i];
        c[0] = a[k] - (double)(k + 1) * c[0];
    }
    for (i = 0; i < n; i++) y[i * stride] = c[i];
}

HLN_DEF double hln_cost_formula_eval(const hln_graph_summary *g, const int64_t *values) {
    double sum = 0;
    uint32_t t, i, e;
    for (t = 0; t < g->n_macs_terms; t++) {
        double v = g->macs_formula[t].coef;
        for (i = 0; i < g->n_formula_dims; i++) for (e = 0; e < g->macs_formula[t].powers[i]; e++) v *= (double)values[i];
        sum += v;
    }
    return sum;
}

static int hln__ga_term_before(const hln_cost_term *a, const hln_cost_term *b, uint32_t n) {
    uint32_t i, da = 0, db = 0;
    for (i = 0; i < n; i++) { da += a->powers[i]; db += b->powers[i]; }
    if (da != db) return da > db;
    for (i = 0; i < n; i++) if (a->powers[i] != b->powers[i]) return a->powers[i] > b->powers[i];
    return 0;
}

static hln_result hln__ga_formula(hln__ga_sampler *s, hln_graph_summary *out) {
    uint32_t d = s->n_free, i, j, deg[HLN_FORMULA_MAX_DIMS], n_grid = 1, idx;
    int64_t x[HLN_FORMULA_MAX_DIMS];
    double *grid, probe[HLN_FORMULA_MAX_DEGREE + 2], raw[HLN_FORMULA_MAX_DIMS][HLN_FORMULA_MAX_DEGREE + 2];
    hln_result r = HLN_OK;
    hln_cost_term *terms;
    for (i = 0; i < d; i++) {   /* each dim's degree, the others at 2 steps */
        uint32_t k;
        double scale = 0;
        for (j = 0; j < d; j++) x[j] = 2 * s->step[j];
        for (k = 0; k < HLN_FORMULA_MAX_DEGREE + 2; k++) {
            x[i] = (int64_t)(k + 1) * s->step[i];
            raw[i][k] = probe[k] = hln__ga_sample(s, x, &r);
            if (r != HLN_OK || s->inexact) return r;
            if (probe[k] > scale) scale = probe[k];
        }
        deg[i] = 0;
        for (k = 1; k < HLN_FORMULA_MAX_DEGREE + 2; k++) {   /* k-th forward differences */
            uint32_t q;
            int zero = 1;
            for (q = HLN_FORMULA_MAX_DEGREE + 1; q >= k; q--) probe[q] -= probe[q - 1];
            for (q = k; q < HLN_FORMULA_MAX_DEGREE + 2; q++) if (probe[q] > 1e-9 * scale || probe[q] < -1e-9 * scale) zero = 0;
            if (!zero) deg[i] = k;
        }
        if (deg[i] > HLN_FORMULA_MAX_DEGREE) return HLN_OK;   /* not a polynomial of bounded degree */
        n_grid *= deg[i] + 1;
    }
    grid = (double *)hln_arena_array(&s->m->arena, n_grid, sizeof *grid);
    terms = (hln_cost_term *)hln_arena_array(&s->m->arena, n_grid, sizeof *terms);
    if (!grid || !terms) return hln_error_set(s->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (idx = 0; idx < n_grid; idx++) {   /* samples, first dim fastest; a point the probes took is reused */
        uint32_t rest = idx, off = 0, at = 0;
        for (i = 0; i < d; i++) {
            x[i] = (int64_t)(rest % (deg[i] + 1) + 1) * s->step[i];
            rest /= deg[i] + 1;
            if (x[i] != 2 * s->step[i]) { off++; at = i; }
        }
        if (off <= 1) { grid[idx] = raw[at][x[at] / s->step[at] - 1]; continue; }
        grid[idx] = hln__ga_sample(s, x, &r);
        if (r != HLN_OK || s->inexact) return r;
    }
    {   /* per axis: values at t = 1..n -> coefficients of t^k, t = dim / step */
        uint32_t stride = 1;
        for (i = 0; i < d; i++) {
            uint32_t n = deg[i] + 1;
            for (idx = 0; idx < n_grid; idx++)
                if ((idx / stride) % n == 0) hln__ga_newton(grid + idx, n, stride);
            stride *= n;
        }
    }
    for (idx = 0; idx < n_grid; idx++) {
        uint32_t rest = idx;
        double c = grid[idx], q;
        hln_cost_term *t = &terms[out->n_macs_terms];
        memset(t, 0, sizeof *t);
        for (i = 0; i < d; i++) {
            t->powers[i] = (uint8_t)(rest % (deg[i] + 1));
            rest /= deg[i] + 1;
            for (j = 0; j < t->powers[i]; j++) c /= (double)s->step[i];
        }
        q = c * 1048576.0;
        if (q < 9e15 && q > -9e15) c = (q < 0 ? -(double)(int64_t)(-q + 0.5) : (double)(int64_t)(q + 0.5)) / 1048576.0;
        if (c != 0) { t->coef = c; out->n_macs_terms++; }
    }
    for (i = 1; i < out->n_macs_terms; i++) {   /* insertion sort, highest degree first */
        hln_cost_term t = terms[i];
        for (j = i; j > 0 && hln__ga_term_before(&t, &terms[j - 1], d); j--) terms[j] = terms[j - 1];
        terms[j] = t;
    }
    out->macs_formula = terms;
    for (i = 0; i < d; i++) x[i] = (int64_t)(HLN_FORMULA_MAX_DEGREE + 3) * s->step[i];
    {   /* off the grid */
        double want = hln__ga_sample(s, x, &r), got = hln_cost_formula_eval(out, x);
        if (r != HLN_OK) return r;
        out->formula_exact = !s->inexact && got - want <= 0.5 + 1e-12 * want && want - got <= 0.5 + 1e-12 * want;
    }
    return HLN_OK;
}

/* Saves (dir 0) or restores (dir 1) every value's shape of every graph, in one walk order;
   dir 2 forgets every shape and order (a failed analysis leaves nothing pointing into a
   sample run's freed arena). */
static void hln__ga_keep_shapes(hln_graph *g, hln_shape *keep, uint64_t *at, int dir, uint32_t depth) {
    uint32_t i, a, s;
    if (!g || depth > 64) return;
    if (dir == 2) g->order = NULL;
    for (i = 0; i < g->n_values; i++, (*at)++) {
        if (keep && dir == 0) keep[*at] = g->values[i].inferred;
        if (keep && dir == 1) g->values[i].inferred = keep[*at];
        if (dir == 2) g->values[i].inferred.rank = -1;
    }
    for (i = 0; i < g->n_nodes; i++)
        for (a = 0; a < g->nodes[i].n_attrs; a++)
            if (g->nodes[i].attrs[a].graphs)
                for (s = 0; s < g->nodes[i].attrs[a].count; s++) hln__ga_keep_shapes(g->nodes[i].attrs[a].graphs[s], keep, at, dir, depth + 1);
    for (i = 0; i < g->n_functions; i++) hln__ga_keep_shapes(g->functions[i], keep, at, dir, depth + 1);
}

/* The op histogram of `graphs`, keyed by (domain, op_type): the "domain::Op" text is made once
   per kind; sorted by MACs, then count. */
static hln_result hln__ga_histogram(hln__ga *ga, hln_graph *const *graphs, uint32_t n_graphs, hln_op_stat **ops, uint32_t *n_ops) {
    uint64_t total = 0;
    uint32_t cap = 64, *slots, *rep_g, *rep_n, mask, gi, i, j;
    hln_op_stat *out;
    for (gi = 0; gi < n_graphs; gi++) total += graphs[gi]->n_nodes;
    while (cap < 2 * total + 2) cap <<= 1;
    mask = cap - 1;
    *n_ops = 0;
    slots = (uint32_t *)hln_arena_array(&ga->scratch, cap, sizeof(uint32_t));
    rep_g = (uint32_t *)hln_arena_array(&ga->scratch, total + 1, sizeof(uint32_t));   /* a node of each kind */
    rep_n = (uint32_t *)hln_arena_array(&ga->scratch, total + 1, sizeof(uint32_t));
    *ops = out = (hln_op_stat *)hln_arena_array(&ga->m->arena, total + 1, sizeof(hln_op_stat));
    if (!slots || !rep_g || !rep_n || !out) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (gi = 0; gi < n_graphs; gi++)
        for (i = 0; i < graphs[gi]->n_nodes; i++) {
            const hln_node *n = &graphs[gi]->nodes[i], *e;
            uint32_t h = (hln__ga_hash(n->domain) ^ 0x3a3au) * 16777619u ^ hln__ga_hash(n->op_type), s = h & mask;
            hln_op_stat *o;
            while (slots[s] && (e = &graphs[rep_g[slots[s] - 1]]->nodes[rep_n[slots[s] - 1]],
                                strcmp(e->op_type, n->op_type) != 0 || strcmp(e->domain, n->domain) != 0)) s = (s + 1) & mask;
            if (!slots[s]) {
                char key[256];
                if (n->domain[0]) snprintf(key, sizeof key, "%s::%s", n->domain, n->op_type);
                else snprintf(key, sizeof key, "%s", n->op_type);
                out[*n_ops].op = hln_arena_strndup(&ga->m->arena, key, strlen(key));
                if (!out[*n_ops].op) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
                rep_g[*n_ops] = gi;
                rep_n[*n_ops] = i;
                slots[s] = ++*n_ops;
            }
            o = &out[slots[s] - 1];
            o->count++;
            o->macs = hln__ga_add(o->macs, n->macs);
            o->flops = hln__ga_add(o->flops, n->flops);
            o->params = hln__ga_add(o->params, n->params);
        }
    for (i = 1; i < *n_ops; i++) {   /* insertion sort: few distinct ops */
        hln_op_stat t = out[i];
        for (j = i; j > 0 && hln__ga_opstat_cmp_before(&t, &out[j - 1]); j--) out[j] = out[j - 1];
        out[j] = t;
    }
    return HLN_OK;
}

HLN_DEF hln_result hln_graph_analyze(hln_model *m, const hln_graph_options *opts, hln_graph_summary *out, hln_error *err) {
    hln__ga *ga = NULL;
    hln_graph *g;
    hln_result r;
    hln_graph_options o;
    hln_binding *all = NULL;
    uint32_t i, j, n_all = 0;
    hln_shape *kept = NULL;
    uint64_t n_kept = 0;
    memset(out, 0, sizeof *out);
    if (!m || !m->graph) return hln_error_set(err, HLN_ERR_ARG, 0, "", "the model has no graph to analyse");
    g = m->graph;
    memset(&o, 0, sizeof o);
    if (opts) o = *opts;
    if ((r = hln__ga_bindings(m, &o, out, &all, &n_all, err)) != HLN_OK) return r;
    for (i = 0; i < out->n_dims; i++)
        if (out->dims[i].source != HLN_DIM_BOUND && out->n_formula_dims < HLN_FORMULA_MAX_DIMS + 1) {
            if (out->n_formula_dims < HLN_FORMULA_MAX_DIMS) out->formula_dims[out->n_formula_dims] = out->dims[i].name;
            out->n_formula_dims++;
        }
    if (n_all > o.n_bindings) {   /* defaults in play: value shapes come from the caller's bindings only */
        if ((r = hln__ga_begin(m, o.bindings, o.n_bindings, NULL, &m->arena, err, &ga)) != HLN_OK) goto done;
        hln__ga_end(ga);
        ga = NULL;
        hln__ga_keep_shapes(g, NULL, &n_kept, 0, 0);
        kept = (hln_shape *)hln_arena_array(&m->arena, n_kept + 1, sizeof *kept);
        if (!kept) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
        n_kept = 0;
        hln__ga_keep_shapes(g, kept, &n_kept, 0, 0);
    }
    if (!o.no_formula && !o.no_defaults && out->n_formula_dims >= 1 && out->n_formula_dims <= HLN_FORMULA_MAX_DIMS) {
        hln__ga_sampler s;
        hln_tensor_role *roles;
        memset(&s, 0, sizeof s);
        s.m = m;
        s.bind = all;
        s.n_bind = n_all;
        s.err = err;
        for (i = 0; i < out->n_dims; i++)
            for (j = o.n_bindings; j < n_all && out->dims[i].source != HLN_DIM_BOUND; j++)
                if (strcmp(all[j].name, out->dims[i].name) == 0) {
                    s.step[s.n_free] = out->dims[i].source == HLN_DIM_IMAGE ? HLN__GA_IMAGE_STEP : 1;
                    s.free_at[s.n_free++] = j;
                }
        roles = (hln_tensor_role *)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 1) * sizeof *roles);
        if (!roles || hln_model_tensor_roles(m, roles) != HLN_OK) {   /* once for every sample */
            if (roles) hln_allocator_free(&m->arena.allocator, roles);
            r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
            goto done;
        }
        s.roles = roles;
        if (s.n_free == out->n_formula_dims) r = hln__ga_formula(&s, out);
        hln_allocator_free(&m->arena.allocator, roles);
        if (r != HLN_OK) goto done;
        for (j = o.n_bindings; j < n_all; j++)   /* back to the defaults */
            for (i = 0; i < out->n_dims; i++) if (strcmp(all[j].name, out->dims[i].name) == 0) all[j].value = out->dims[i].value;
    } else if (out->n_formula_dims > HLN_FORMULA_MAX_DIMS) out->n_formula_dims = 0;
    if ((r = hln__ga_begin(m, all, n_all, NULL, &m->arena, err, &ga)) != HLN_OK) goto done;
    out->nodes = g->n_nodes;
    out->nodes_all = ga->nodes_all;
    out->subgraphs = ga->subgraphs;
    out->max_subgraph_depth = ga->max_depth;
    out->macs = g->macs;
    out->flops = g->flops;
    out->macs_exact = g->macs_exact;
    out->activation_peak_bytes = g->activation_peak_bytes;
    out->params_all = ga->params_all;
    out->constant_params_all = ga->constant_params_all;
    out->initializers = g->n_initializers;
    for (i = 0; i < g->n_initializers; i++) {
        const hln_tensor *t = &m->tensors[g->initializers[i]];
        out->initializer_params += t->n_elements;
        out->initializer_bytes += t->n_bytes;
    }
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        if (n->domain[0] == 0 && strcmp(n->op_type, "Constant") == 0) {
            out->constant_nodes++;
            for (j = 0; j < n->n_attrs; j++)
                if (n->attrs[j].tensors && n->attrs[j].count && (uint32_t)n->attrs[j].tensors[0] < m->n_tensors) {
                    out->constant_params += m->tensors[n->attrs[j].tensors[0]].n_elements;
                    out->constant_bytes += m->tensors[n->attrs[j].tensors[0]].n_bytes;
                }
        }
    }
    for (i = 0; i < g->n_values; i++)
        if (g->values[i].producer >= 0 && g->values[i].tensor < 0) out->activation_bytes = hln__ga_add(out->activation_bytes, g->values[i].bytes);
    if ((r = hln__ga_histogram(ga, &g, 1, &out->ops, &out->n_ops)) != HLN_OK) goto done;
    if (ga->n_counted == 1 && ga->counted[0] == g) { out->ops_all = out->ops; out->n_ops_all = out->n_ops; }   /* no subgraphs */
    else if ((r = hln__ga_histogram(ga, ga->counted, ga->n_counted, &out->ops_all, &out->n_ops_all)) != HLN_OK) goto done;
    out->saturated = out->macs == UINT64_MAX || out->flops == UINT64_MAX;
    if (out->n_formula_dims == 0 && !o.no_formula && out->macs_exact && !out->saturated && out->macs <= ((uint64_t)1 << 53)) {
        out->macs_formula = (hln_cost_term *)hln_arena_alloc(&m->arena, sizeof *out->macs_formula);
        if (!out->macs_formula) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
        out->macs_formula[0].coef = (double)out->macs;
        out->n_macs_terms = out->macs ? 1 : 0;
        out->formula_exact = 1;
    } else if (out->formula_exact) {   /* the formula must also give the MACs at the defaults */
        int64_t x[HLN_FORMULA_MAX_DIMS];
        double got, want = (double)out->macs;
        for (i = 0; i < out->n_formula_dims; i++)
            for (j = 0; j < out->n_dims; j++) if (strcmp(out->dims[j].name, out->formula_dims[i]) == 0) x[i] = out->dims[j].value;
        got = hln_cost_formula_eval(out, x);
        out->formula_exact = out->macs_exact && !out->saturated && got - want <= 0.5 + 1e-12 * want && want - got <= 0.5 + 1e-12 * want;
    }
    if (!out->formula_exact) out->n_macs_terms = 0;
    n_kept = 0;
    if (kept) hln__ga_keep_shapes(g, kept, &n_kept, 1, 0);
    {   /* symbolic dims of the inputs the caller did not bind */
        out->unresolved = (const char **)hln_arena_array(&m->arena, (uint64_t)out->n_dims + 1, sizeof(char *));
        if (!out->unresolved) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
        for (i = 0; i < out->n_dims; i++)
            if (out->dims[i].source != HLN_DIM_BOUND) out->unresolved[out->n_unresolved++] = out->dims[i].name;
    }
    r = HLN_OK;
done:
    n_kept = 0;
    if (r != HLN_OK) hln__ga_keep_shapes(g, NULL, &n_kept, 2, 0);
    hln__ga_end(ga);
    return r;
}

/* ---- analysis: architecture, blocks, patterns, risks, quantization ---- */
HLN_DEF const char *hln_arch_class_name(hln_arch_class c) {
    static const char *const names[] = { "other", "cnn", "vit", "encoder-only-transformer", "decoder-only-llm",
                                         "encoder-decoder", "rnn", "diffusion-unet", "moe-llm", "detection" };
    return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : "other";
}
HLN_DEF const char *hln_severity_name(hln_severity s) {
    return s == HLN_SEV_HIGH ? "high" : s == HLN_SEV_WARN ? "warn" : "info";
}
enum { HLN__K_ATTN, HLN__K_MLP, HLN__K_EMBED, HLN__K_HEAD, HLN__K_NORM, HLN__K_CONV, HLN__K_OTHER };
HLN_DEF const char *hln_layer_kind_name(uint32_t kind) {
    static const char *const names[HLN_LAYER_KINDS] = { "attention", "mlp", "embedding", "head", "norm", "conv", "other" };
    return kind < HLN_LAYER_KINDS ? names[kind] : "other";
}

/* The one vocabulary table of weight-only formats: a tensor-name part (GGUF, Hugging Face)
   and the role it plays. Matched as a substring after the layer prefix (hln__layer_of) for
   per-layer tensors, or against the whole name otherwise. */
enum {
    HLN__R_NONE, HLN__R_Q, HLN__R_K, HLN__R_V, HLN__R_QKV, HLN__R_O, HLN__R_Q_A, HLN__R_KV_A, HLN__R_KV_B,
    HLN__R_NORM_ATTN, HLN__R_NORM_FFN, HLN__R_GATE, HLN__R_UP, HLN__R_DOWN, HLN__R_ROUTER, HLN__R_EXPERT,
    HLN__R_EMBED, HLN__R_POS, HLN__R_HEAD, HLN__R_NORM_OUT, HLN__R_GPTQ_QWEIGHT, HLN__R_GPTQ_GIDX,
    HLN__R_QZEROS, HLN__R_SCALES, HLN__R_BNB
};
typedef struct hln__vocab { const char *part; uint8_t role, layer; } hln__vocab;
static const hln__vocab hln__vocab_table[] = {
    /* per-layer (after "blk.N." / "model.layers.N." / "transformer.h.N." ...) */
    { "attn_qkv.", HLN__R_QKV, 1 }, { "self_attn.qkv_proj.", HLN__R_QKV, 1 }, { "attn.c_attn.", HLN__R_QKV, 1 },
    { "attn_q_a", HLN__R_Q_A, 1 }, { "self_attn.q_a_proj", HLN__R_Q_A, 1 },
    { "attn_kv_a_mqa.", HLN__R_KV_A, 1 }, { "self_attn.kv_a_proj_with_mqa.", HLN__R_KV_A, 1 },
    { "attn_kv_b.", HLN__R_KV_B, 1 }, { "self_attn.kv_b_proj.", HLN__R_KV_B, 1 },
    { "attn_q.", HLN__R_Q, 1 }, { "self_attn.q_proj.", HLN__R_Q, 1 },
    { "attn_k.", HLN__R_K, 1 }, { "self_attn.k_proj.", HLN__R_K, 1 },
    { "attn_v.", HLN__R_V, 1 }, { "self_attn.v_proj.", HLN__R_V, 1 },
    { "attn_output.", HLN__R_O, 1 }, { "self_attn.o_proj.", HLN__R_O, 1 }, { "attn.c_proj.", HLN__R_O, 1 },
    { "attn_norm.", HLN__R_NORM_ATTN, 1 }, { "input_layernorm.", HLN__R_NORM_ATTN, 1 }, { "ln_1.", HLN__R_NORM_ATTN, 1 },
    { "ffn_norm.", HLN__R_NORM_FFN, 1 }, { "post_attention_layernorm.", HLN__R_NORM_FFN, 1 }, { "ln_2.", HLN__R_NORM_FFN, 1 },
    { "ffn_gate_inp.", HLN__R_ROUTER, 1 }, { "block_sparse_moe.gate.", HLN__R_ROUTER, 1 }, { "mlp.gate.", HLN__R_ROUTER, 1 },
    { "_exps.", HLN__R_EXPERT, 1 }, { ".experts.", HLN__R_EXPERT, 1 },
    { "ffn_gate.", HLN__R_GATE, 1 }, { "mlp.gate_proj.", HLN__R_GATE, 1 },
    { "ffn_up.", HLN__R_UP, 1 }, { "mlp.up_proj.", HLN__R_UP, 1 }, { "mlp.c_fc.", HLN__R_UP, 1 },
    { "ffn_down.", HLN__R_DOWN, 1 }, { "mlp.down_proj.", HLN__R_DOWN, 1 }, { "mlp.c_proj.", HLN__R_DOWN, 1 },
    /* whole model */
    { "token_embd.", HLN__R_EMBED, 0 }, { "embed_tokens.", HLN__R_EMBED, 0 }, { "wte.", HLN__R_EMBED, 0 },
    { "position_embd.", HLN__R_POS, 0 }, { "wpe.", HLN__R_POS, 0 },
    { "output_norm.", HLN__R_NORM_OUT, 0 }, { "model.norm.", HLN__R_NORM_OUT, 0 }, { "ln_f.", HLN__R_NORM_OUT, 0 },
    { "output.", HLN__R_HEAD, 0 }, { "lm_head.", HLN__R_HEAD, 0 }
};
/* Quantization containers, by name ending (GPTQ/AWQ, bitsandbytes). */
static const hln__vocab hln__vocab_quant[] = {
    { ".qweight", HLN__R_GPTQ_QWEIGHT, 0 }, { ".g_idx", HLN__R_GPTQ_GIDX, 0 }, { ".qzeros", HLN__R_QZEROS, 0 },
    { ".scales", HLN__R_SCALES, 0 }, { ".absmax", HLN__R_BNB, 0 }, { ".quant_map", HLN__R_BNB, 0 },
    { "quant_state.bitsandbytes__", HLN__R_BNB, 0 }
};

static int hln__ends(const char *s, const char *end) {
    size_t a = strlen(s), b = strlen(end);
    return a >= b && memcmp(s + a - b, end, b) == 0;
}
static uint32_t hln__role_of(const char *name, int64_t *layer) {
    const char *rest = NULL;
    size_t k;
    *layer = hln__layer_of(name, &rest);
    for (k = 0; k < sizeof hln__vocab_quant / sizeof hln__vocab_quant[0]; k++)
        if (hln__has(name, hln__vocab_quant[k].part)) return hln__vocab_quant[k].role;
    for (k = 0; k < sizeof hln__vocab_table / sizeof hln__vocab_table[0]; k++) {
        const hln__vocab *v = &hln__vocab_table[k];
        if (v->layer ? (*layer >= 0 && hln__has(rest, v->part)) : (*layer < 0 && hln__has(name, v->part))) return v->role;
    }
    return HLN__R_NONE;
}
static uint32_t hln__role_kind(uint32_t role) {
    switch (role) {
    case HLN__R_Q: case HLN__R_K: case HLN__R_V: case HLN__R_QKV: case HLN__R_O: case HLN__R_Q_A: case HLN__R_KV_A:
    case HLN__R_KV_B: return HLN__K_ATTN;
    case HLN__R_GATE: case HLN__R_UP: case HLN__R_DOWN: case HLN__R_ROUTER: case HLN__R_EXPERT: return HLN__K_MLP;
    case HLN__R_EMBED: case HLN__R_POS: return HLN__K_EMBED;
    case HLN__R_HEAD: return HLN__K_HEAD;
    case HLN__R_NORM_ATTN: case HLN__R_NORM_FFN: case HLN__R_NORM_OUT: return HLN__K_NORM;
    default: return HLN__K_OTHER;
    }
}

/* ---- shared state of one hln_model_analyze call ---- */
typedef struct hln__an_norm_rec { uint32_t node; int32_t input; uint8_t rms; } hln__an_norm_rec;
typedef struct hln__an {
    hln_model *m;
    hln_analysis *out;
    hln_analysis_options o;
    hln_error *err;
    hln_arena *a;           /* results: the model's arena */
    hln_arena  tmp;         /* scratch, freed at the end */
    int        nomem;
    /* graph */
    hln_graph *g;
    uint32_t   n, nv;
    uint32_t  *pos;         /* node -> order position */
    uint8_t   *active;      /* per value: carries data (not shape plumbing, not a weight) */
    uint8_t   *act_node;    /* per node: has an active output */
    uint32_t  *cstart, *cons;   /* value -> consumer nodes (CSR) */
    uint16_t  *flag;        /* per node: HLN__F_* */
    uint8_t   *compute;     /* per node: HLN__AN_COMPUTE (hln__is_compute_op), HLN__AN_WMM (hln__an_weighted_mm_op) */
    char      *ckind;       /* per node: hln__conv_kind of a conv, else 0 */
    hln_graph *src;         /* the model's graph; g is its op-family view (hln__an_view) */
    hln__an_norm_rec *norms;
    uint32_t   n_norms;
    /* lists under construction */
    uint32_t   cap_patterns;
    uint32_t   cap_risks, cap_ded, cap_ev, cap_fusions, cap_attention, cap_blocks, cap_instances;
} hln__an;

/* Tensors that are not weights of the model for these passes (Constant-node values, sparse,
   nested-subgraph and attribute tensors). */
#define HLN__AN_NOT_WEIGHT (HLN_TENSOR_CONSTANT | HLN_TENSOR_SPARSE | HLN_TENSOR_NESTED | HLN_TENSOR_ATTRIBUTE)
#define HLN__AN_COMPUTE 1u
#define HLN__AN_WMM     2u
#define HLN__F_ATTN    1u   /* inside an attention core */
#define HLN__F_MLP     2u
#define HLN__F_NORM    4u
#define HLN__F_RESID   8u   /* a residual join */
#define HLN__F_SHORT  16u   /* a projection shortcut (left out of block signatures) */
#define HLN__F_EMBED  32u
#define HLN__F_SE     64u
#define HLN__F_HEAD  128u
#define HLN__F_INVRES 256u  /* the depthwise conv of an inverted residual (expand, depthwise, project) */

static void *hln__an_arr(hln__an *an, hln_arena *a, uint64_t count, size_t elem) {
    void *p = hln_arena_array(a, count ? count : 1, elem);
    if (!p) an->nomem = 1;
    return p;
}
static const char *hln__an_str(hln__an *an, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    char *s;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    s = hln_arena_strndup(an->a, buf, strlen(buf));
    if (!s) an->nomem = 1;
    return s;
}
/* Room for one more element in a growing result array (doubling, in the results arena). */
static void *hln__an_grow(hln__an *an, void *arr, uint32_t n, uint32_t *cap, size_t elem) {
    void *p;
    if (n < *cap) return arr;
    p = hln__an_arr(an, an->a, *cap ? (uint64_t)*cap * 2 : 8, elem);
    if (!p) return NULL;
    if (n) memcpy(p, arr, (size_t)n * elem);
    *cap = *cap ? *cap * 2 : 8;
    return p;
}
static void hln__an_evidence(hln__an *an, const char *s) {
    hln_analysis *r = an->out;
    const char **p;
    if (!s || !(p = (const char **)hln__an_grow(an, (void *)r->evidence, r->n_evidence, &an->cap_ev, sizeof *p))) return;
    r->evidence = p;
    r->evidence[r->n_evidence++] = s;
}
static void hln__an_finding(hln__an *an, hln_finding **arr, uint32_t *n, uint32_t *cap, const char *id, int level,
                            const char *where, const char *why, const char *fix) {
    hln_finding *p = (hln_finding *)hln__an_grow(an, *arr, *n, cap, sizeof *p);
    if (!p) return;
    *arr = p;
    p += (*n)++;
    p->id = id;
    p->level = level;
    p->where = where;
    p->why = why;
    p->fix = fix;
}
static void hln__an_risk(hln__an *an, const char *id, hln_severity sev, const char *where, const char *why, const char *fix) {
    hln__an_finding(an, &an->out->risks, &an->out->n_risks, &an->cap_risks, id, (int)sev, where, why, fix);
}
static void hln__an_deduct(hln__an *an, const char *id, int points, const char *where, const char *why, const char *fix) {
    hln_quantization *q = &an->out->quant;
    hln__an_finding(an, &q->deductions, &q->n_deductions, &an->cap_ded, id, points, where, why, fix);
    q->score = q->score > points ? q->score - points : 0;
}
/* A pattern entry, found or created by kind (and detail). */
static hln_pattern *hln__an_pattern(hln__an *an, const char *kind, const char *detail, int tensors) {
    hln_analysis *r = an->out;
    uint32_t i;
    for (i = 0; i < r->n_patterns; i++)
        if (strcmp(r->patterns[i].kind, kind) == 0 &&
            ((!detail && !r->patterns[i].detail) || (detail && r->patterns[i].detail && strcmp(detail, r->patterns[i].detail) == 0)))
            return &r->patterns[i];
    {
        hln_pattern *p = (hln_pattern *)hln__an_grow(an, r->patterns, r->n_patterns, &an->cap_patterns, sizeof *p);
        if (!p) return NULL;
        r->patterns = p;
    }
    memset(&r->patterns[r->n_patterns], 0, sizeof r->patterns[0]);
    r->patterns[r->n_patterns].kind = kind;
    r->patterns[r->n_patterns].detail = detail ? hln__an_str(an, "%s", detail) : NULL;
    r->patterns[r->n_patterns].where_tensors = tensors;
    r->patterns[r->n_patterns].where = (uint32_t *)hln__an_arr(an, an->a, an->o.max_where, sizeof(uint32_t));
    return &r->patterns[r->n_patterns++];
}
static void hln__an_found(hln__an *an, const char *kind, const char *detail, uint32_t where, int tensors) {
    hln_pattern *p = hln__an_pattern(an, kind, detail, tensors);
    if (!p) return;
    if (p->where && p->n_where < an->o.max_where) p->where[p->n_where++] = where;
    p->count++;
}
/* A fusion group of `nodes` nodes that a runtime executes as one layer. */
static void hln__an_fuse(hln__an *an, const char *kind, uint32_t nodes) {
    hln_analysis *r = an->out;
    uint32_t i;
    for (i = 0; i < r->n_fusions && strcmp(r->fusions[i].kind, kind) != 0; i++) {}
    if (i == r->n_fusions) {
        hln_fusion *p = (hln_fusion *)hln__an_grow(an, r->fusions, r->n_fusions, &an->cap_fusions, sizeof *p);
        if (!p) return;
        r->fusions = p;
        memset(&r->fusions[i], 0, sizeof r->fusions[i]);
        r->fusions[i].kind = kind;
        r->n_fusions++;
    }
    r->fusions[i].count++;
    r->fusions[i].nodes_fused += nodes;
}
static uint32_t hln__an_count(const hln_analysis *r, const char *kind) {
    uint32_t i, c = 0;
    for (i = 0; i < r->n_patterns; i++) if (strcmp(r->patterns[i].kind, kind) == 0) c += r->patterns[i].count;
    return c;
}

/* ---- graph view: active values, consumers, op helpers ---- */
/* Op tests run for every node many times: the first two letters filter before strcmp (op
   names are never empty, so op_type[1] exists once op_type[0] matched). */
static int hln__op(const hln_node *n, const char *op) {
    return n->op_type[0] == op[0] && n->op_type[1] == op[1] && n->domain[0] == 0 && strcmp(n->op_type, op) == 0;
}
static int hln__op_any(const hln_node *n, const char *const *ops) {
    for (; *ops; ops++) if (n->op_type[0] == (*ops)[0] && n->op_type[1] == (*ops)[1] && strcmp(n->op_type, *ops) == 0) return 1;
    return 0;
}
static const char *const hln__acts[] = { "Relu", "Clip", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid",
                                         "HardSwish", "Tanh", "Gelu", "Silu", "Swish", "Mish", "Softplus", "FastGelu", "QuickGelu", NULL };
static const char *const hln__mac_ops[] = { "Conv", "ConvTranspose", "MatMul", "Gemm", "ConvInteger", "MatMulInteger",
                                            "QLinearConv", "QLinearMatMul", "LSTM", "GRU", "RNN", "Einsum", "FusedMatMul",
                                            "MatMulNBits", "Attention", "MultiHeadAttention", "GroupQueryAttention", NULL };
static int hln__is_compute_op(const hln_node *n) { return n->macs > 0 || hln__op_any(n, hln__mac_ops); }
/* hln__is_compute_op of a node of an->g, computed once per node by hln__an_graph_prep. */
static int hln__is_compute(const hln__an *an, const hln_node *n) { return an->compute[n - an->g->nodes] & HLN__AN_COMPUTE; }
static const hln_value *hln__an_val(const hln__an *an, int32_t v) {
    return v >= 0 && (uint32_t)v < an->nv ? &an->g->values[v] : NULL;
}
static int32_t hln__an_prod(const hln__an *an, const hln_node *n, uint32_t k) {
    const hln_value *v = k < n->n_inputs ? hln__an_val(an, n->inputs[k]) : NULL;
    return v && v->producer >= 0 && (uint32_t)v->producer < an->n ? v->producer : -1;
}
static int hln__an_is_active(const hln__an *an, int32_t v) { return v >= 0 && (uint32_t)v < an->nv && an->active[v]; }
/* A weight input: backed by a tensor (initializer), possibly through a DequantizeLinear, Transpose or Cast. */
static int32_t hln__an_weight(const hln__an *an, const hln_node *n, uint32_t k) {
    uint32_t steps;
    int32_t vi = k < n->n_inputs ? n->inputs[k] : -1;
    for (steps = 0; steps < 3; steps++) {
        const hln_value *v = hln__an_val(an, vi);
        const hln_node *p;
        if (!v) return -1;
        if (v->tensor >= 0 && (uint32_t)v->tensor < an->m->n_tensors) return v->tensor;
        if (v->producer < 0 || (uint32_t)v->producer >= an->n) return -1;
        p = &an->g->nodes[v->producer];
        if (!(hln__op(p, "DequantizeLinear") || hln__op(p, "Transpose") || hln__op(p, "Cast") || hln__op(p, "Identity")) || !p->n_inputs) return -1;
        vi = p->inputs[0];
    }
    return -1;
}
/* Number of active inputs, and the first one. */
static uint32_t hln__an_active_inputs(const hln__an *an, const hln_node *n, int32_t *first) {
    uint32_t k, c = 0;
    *first = -1;
    for (k = 0; k < n->n_inputs; k++)
        if (hln__an_is_active(an, n->inputs[k])) { if (!c) *first = n->inputs[k]; c++; }
    return c;
}
static uint32_t hln__an_uses(const hln__an *an, int32_t v) {
    return v >= 0 && (uint32_t)v < an->nv ? an->cstart[v + 1] - an->cstart[v] : 0;
}
/* The sole consumer of node n's first output, or -1. */
static int32_t hln__an_next(const hln__an *an, uint32_t n) {
    const hln_node *nd = &an->g->nodes[n];
    int32_t v = nd->n_outputs ? nd->outputs[0] : -1;
    if (hln__an_uses(an, v) != 1) return -1;
    return (int32_t)an->cons[an->cstart[v]];
}
/* Conv flavour from its weight [O, I/group, k...]: 'd' depthwise, 'g' grouped, 'p' pointwise 1x1, 'k' kxk. */
static char hln__conv_kind_of(const hln__an *an, const hln_node *n) {
    int64_t group = hln__ga_attr_i(n, "group", 1);
    int32_t w = hln__an_weight(an, n, hln__op(n, "QLinearConv") ? 3 : 1);   /* QLinearConv: x, x_scale, x_zero_point, w */
    const hln_tensor *t = w >= 0 ? &an->m->tensors[w] : NULL;
    uint32_t d;
    int one = 1;
    if (group > 1 && t && t->n_dims >= 2 && t->dims[1] == 1) return 'd';
    if (group > 1) return 'g';
    if (!t || t->n_dims < 3) return 'k';
    for (d = 2; d < t->n_dims; d++) if (t->dims[d] != 1) one = 0;
    return one ? 'p' : 'k';
}
/* TFLite convs keep their own weight layouts: CONV_2D [O, kh, kw, I] (grouped when the input's
   NHWC channels exceed I), DEPTHWISE_CONV_2D [1, kh, kw, C x multiplier]. */
static char hln__conv_kind_tfl(const hln__an *an, const hln_node *src, const hln_node *n) {
    int32_t w;
    const hln_tensor *t;
    const hln_value *x;
    if (strcmp(src->op_type, "DEPTHWISE_CONV_2D") == 0) return 'd';
    w = hln__an_weight(an, n, 1);
    t = w >= 0 ? &an->m->tensors[w] : NULL;
    if (!t || t->n_dims != 4) return 'k';
    x = hln__an_val(an, n->n_inputs ? n->inputs[0] : -1);
    if (x && x->shape.rank == 4 && x->shape.dims && x->shape.dims[3].value > t->dims[3] && t->dims[3] > 0) return 'g';
    return t->dims[1] == 1 && t->dims[2] == 1 ? 'p' : 'k';
}
/* OpenVINO GroupConvolution's weight [G, O/G, I/G, k...]: depthwise when one in and one out
   channel per group. */
static char hln__conv_kind_ov(const hln__an *an, const hln_node *n) {
    int32_t w = hln__an_weight(an, n, 1);
    const hln_tensor *t = w >= 0 ? &an->m->tensors[w] : NULL;
    if (!t || t->n_dims < 3) return 'g';
    return t->dims[1] == 1 && t->dims[2] == 1 ? 'd' : 'g';
}
/* Output channels of a conv from its weight (dim 0 in the ONNX and TFLite layouts; G x O/G for
   OpenVINO's 5-D group weight), 0 unknown. */
static int64_t hln__an_conv_out(const hln__an *an, const hln_node *n) {
    int32_t w = hln__an_weight(an, n, hln__op(n, "QLinearConv") ? 3 : 1);
    const hln_tensor *t = w >= 0 ? &an->m->tensors[w] : NULL;
    const hln_node *src = an->src && an->src != an->g ? &an->src->nodes[n - an->g->nodes] : n;
    if (!t || t->n_dims < 1) return 0;
    if (t->n_dims >= 3 && strcmp(src->op_type, "GroupConvolution") == 0 && t->dims[0] > 0 && t->dims[1] > 0 &&
        t->dims[0] <= INT64_MAX / t->dims[1]) return t->dims[0] * t->dims[1];
    return t->dims[0];
}
/* The flavour of a conv of an->g, computed once per node by hln__an_graph_prep. */
static char hln__conv_kind(const hln__an *an, const hln_node *n) { return an->ckind[n - an->g->nodes]; }
static int hln__is_conv(const hln_node *n) { return hln__op(n, "Conv") || hln__op(n, "QLinearConv") || hln__op(n, "ConvInteger"); }

/* ---- op-family view: TFLite builtins and OpenVINO ops under the ONNX names the passes read ----
   The passes name op families by their ONNX spelling. A graph with TFLite builtins (domain
   "tflite") is shown to them through a shallow copy whose nodes carry the ONNX name of the
   same computation (CONV_2D and DEPTHWISE_CONV_2D are Conv; the conv flavour comes from the
   TFLite weight layout, hln__conv_kind_tfl). Fused activations stay inside their op (there is
   no conv-bn-act after TFLite folding). DEQUANTIZE reads as Cast: a one-input widening, so
   weight lookups pass through it as through an fp16 Cast. Ops with no ONNX equal keep their
   TFLite name and domain. The quantization and structure passes read the graph itself. */
static const char *const hln__an_tfl_ops[][2] = {
    { "ADD", "Add" }, { "SUB", "Sub" }, { "MUL", "Mul" }, { "DIV", "Div" }, { "CONCATENATION", "Concat" },
    { "CONV_2D", "Conv" }, { "DEPTHWISE_CONV_2D", "Conv" }, { "TRANSPOSE_CONV", "ConvTranspose" },
    { "FULLY_CONNECTED", "Gemm" }, { "BATCH_MATMUL", "MatMul" }, { "SOFTMAX", "Softmax" }, { "LOG_SOFTMAX", "LogSoftmax" },
    { "MEAN", "ReduceMean" }, { "SUM", "ReduceSum" }, { "REDUCE_MAX", "ReduceMax" }, { "REDUCE_MIN", "ReduceMin" },
    { "LOGISTIC", "Sigmoid" }, { "RELU", "Relu" }, { "RELU6", "Clip" }, { "RELU_N1_TO_1", "Clip" }, { "RELU_0_TO_1", "Clip" },
    { "HARD_SWISH", "HardSwish" }, { "TANH", "Tanh" }, { "GELU", "Gelu" }, { "LEAKY_RELU", "LeakyRelu" }, { "PRELU", "PRelu" },
    { "ELU", "Elu" }, { "AVERAGE_POOL_2D", "AveragePool" }, { "MAX_POOL_2D", "MaxPool" }, { "RESHAPE", "Reshape" },
    { "TRANSPOSE", "Transpose" }, { "SQUEEZE", "Squeeze" }, { "EXPAND_DIMS", "Unsqueeze" }, { "GATHER", "Gather" },
    { "RESIZE_BILINEAR", "Resize" }, { "RESIZE_NEAREST_NEIGHBOR", "Resize" }, { "PAD", "Pad" }, { "PADV2", "Pad" },
    { "MIRROR_PAD", "Pad" }, { "STRIDED_SLICE", "Slice" }, { "SLICE", "Slice" }, { "SPLIT", "Split" }, { "SPLIT_V", "Split" },
    { "CAST", "Cast" }, { "DEQUANTIZE", "Cast" }, { "SHAPE", "Shape" }, { "EXP", "Exp" }, { "SIN", "Sin" }, { "COS", "Cos" },
    { "TOPK_V2", "TopK" }, { "SQRT", "Sqrt" }, { "NEG", "Neg" }, { "POW", "Pow" }, { "MAXIMUM", "Max" }, { "MINIMUM", "Min" },
    { "TILE", "Tile" }, { "BROADCAST_TO", "Expand" }, { "SELECT", "Where" }, { "SELECT_V2", "Where" }, { "ABS", "Abs" },
    { "LOG", "Log" }, { "FLOOR", "Floor" }, { "LSTM", "LSTM" }, { "UNIDIRECTIONAL_SEQUENCE_LSTM", "LSTM" },
    { "UNIDIRECTIONAL_SEQUENCE_RNN", "RNN" }, { "L2_NORMALIZATION", "LpNormalization" }
};
/* OpenVINO opset operations (domain "openvino"; names from the OpenVINO operation specifications)
   the same way: Convolution and GroupConvolution are Conv (the flavour from the group weight
   [G, O/G, I/G, k...], hln__conv_kind_ov), Convert is Cast, the Backprop convolutions ConvTranspose. */
static const char *const hln__an_ov_ops[][2] = {
    { "Add", "Add" }, { "Subtract", "Sub" }, { "Multiply", "Mul" }, { "Divide", "Div" }, { "Concat", "Concat" },
    { "Convolution", "Conv" }, { "GroupConvolution", "Conv" }, { "ConvolutionBackpropData", "ConvTranspose" },
    { "GroupConvolutionBackpropData", "ConvTranspose" }, { "MatMul", "MatMul" }, { "SoftMax", "Softmax" },
    { "Softmax", "Softmax" }, { "LogSoftmax", "LogSoftmax" }, { "ReduceMean", "ReduceMean" }, { "ReduceSum", "ReduceSum" },
    { "ReduceMax", "ReduceMax" }, { "ReduceMin", "ReduceMin" }, { "Sigmoid", "Sigmoid" }, { "ReLU", "Relu" },
    { "Clamp", "Clip" }, { "HSwish", "HardSwish" }, { "HSigmoid", "HardSigmoid" }, { "Tanh", "Tanh" }, { "Gelu", "Gelu" },
    { "PRelu", "PRelu" }, { "Elu", "Elu" }, { "AvgPool", "AveragePool" }, { "MaxPool", "MaxPool" }, { "Reshape", "Reshape" },
    { "Transpose", "Transpose" }, { "Squeeze", "Squeeze" }, { "Unsqueeze", "Unsqueeze" }, { "Gather", "Gather" },
    { "Interpolate", "Resize" }, { "Pad", "Pad" }, { "StridedSlice", "Slice" }, { "Slice", "Slice" }, { "Split", "Split" },
    { "VariadicSplit", "Split" }, { "Convert", "Cast" }, { "ShapeOf", "Shape" }, { "Exp", "Exp" }, { "Sqrt", "Sqrt" },
    { "Negative", "Neg" }, { "Power", "Pow" }, { "Maximum", "Max" }, { "Minimum", "Min" }, { "Tile", "Tile" },
    { "Broadcast", "Expand" }, { "Select", "Where" }, { "Abs", "Abs" }, { "Log", "Log" }, { "Floor", "Floor" },
    { "TopK", "TopK" }, { "NormalizeL2", "LpNormalization" }, { "LSTMSequence", "LSTM" }, { "GRUSequence", "GRU" },
    { "RNNSequence", "RNN" }, { "LSTMCell", "LSTM" }, { "GRUCell", "GRU" }, { "RNNCell", "RNN" }
};
/* TensorRT layers (domain "tensorrt", op_type the engine's ParameterType): only the kinds with
   one meaning; Pooling, ElementWise and Activation carry their operation in parameters and keep
   their names, and a layer's fused activation or residual add stays inside it. */
static const char *const hln__an_trt_ops[][2] = {
    { "Convolution", "Conv" }, { "Deconvolution", "ConvTranspose" }, { "MatrixMultiply", "MatMul" },
    { "FullyConnected", "Gemm" }, { "SoftMax", "Softmax" }, { "Concatenation", "Concat" }, { "Shuffle", "Reshape" }
};
/* The ONNX family of op in domain ("tflite", "openvino" or "tensorrt"), NULL when none. */
static const char *hln__an_op_family(const char *domain, const char *op) {
    const char *const (*t)[2];
    size_t k, n;
    if (strcmp(domain, "tflite") == 0) { t = hln__an_tfl_ops; n = sizeof hln__an_tfl_ops / sizeof hln__an_tfl_ops[0]; }
    else if (strcmp(domain, "openvino") == 0) { t = hln__an_ov_ops; n = sizeof hln__an_ov_ops / sizeof hln__an_ov_ops[0]; }
    else if (strcmp(domain, "tensorrt") == 0) { t = hln__an_trt_ops; n = sizeof hln__an_trt_ops / sizeof hln__an_trt_ops[0]; }
    else return NULL;
    for (k = 0; k < n; k++)
        if (op[0] == t[k][0][0] && strcmp(op, t[k][0]) == 0) return t[k][1];
    return NULL;
}
/* "LSTM", "GRU" or "RNN" for a recurrent op or cell of any domain (a loop body is not in the
   op-family view: OpenVINO's LSTMCell inside a TensorIterator), else NULL. */
static const char *hln__an_rnn_family(const hln_node *n) {
    const char *f = n->domain[0] ? hln__an_op_family(n->domain, n->op_type) : n->op_type;
    return f && (strcmp(f, "LSTM") == 0 || strcmp(f, "GRU") == 0 || strcmp(f, "RNN") == 0) ? f : NULL;
}
/* The recurrent cell a loop's body (TensorIterator, Loop, Scan) runs per step, NULL when none. */
static const char *hln__an_body_rnn(const hln_node *n, uint32_t depth) {
    uint32_t a, s, i;
    for (a = 0; depth < 8 && a < n->n_attrs; a++)
        if ((n->attrs[a].type == HLN_ATTR_GRAPH || n->attrs[a].type == HLN_ATTR_GRAPHS) && n->attrs[a].graphs)
            for (s = 0; s < n->attrs[a].count; s++) {
                const hln_graph *b = n->attrs[a].graphs[s];
                for (i = 0; b && i < b->n_nodes; i++) {
                    const char *f = hln__an_rnn_family(&b->nodes[i]);
                    if (!f) f = hln__an_body_rnn(&b->nodes[i], depth + 1);
                    if (f) return f;
                }
            }
    return NULL;
}
/* g itself when no node is a TFLite builtin with an ONNX equal; else the view (scratch arena). */
static hln_graph *hln__an_view(hln__an *an, hln_graph *g) {
    hln_graph *v;
    uint32_t i, mapped = 0;
    for (i = 0; i < g->n_nodes; i++) mapped += hln__an_op_family(g->nodes[i].domain, g->nodes[i].op_type) != NULL;
    if (!mapped) return g;
    v = (hln_graph *)hln__an_arr(an, &an->tmp, 1, sizeof *v);
    if (!v) return NULL;
    *v = *g;
    v->nodes = (hln_node *)hln__an_arr(an, &an->tmp, g->n_nodes, sizeof(hln_node));
    if (!v->nodes) return NULL;
    memcpy(v->nodes, g->nodes, (size_t)g->n_nodes * sizeof(hln_node));
    for (i = 0; i < g->n_nodes; i++) {
        const char *fam = hln__an_op_family(g->nodes[i].domain, g->nodes[i].op_type);
        if (fam) { v->nodes[i].op_type = fam; v->nodes[i].domain = ""; }
    }
    return v;
}

static int hln__an_weighted_mm_op(const hln__an *an, uint32_t i);
static hln_result hln__an_graph_prep(hln__an *an) {
    hln_graph *g = an->g;
    uint32_t i, k, s;
    an->n = g->n_nodes;
    an->nv = g->n_values;
    an->pos = (uint32_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(uint32_t));
    an->active = (uint8_t *)hln__an_arr(an, &an->tmp, an->nv, 1);
    an->act_node = (uint8_t *)hln__an_arr(an, &an->tmp, an->n, 1);
    an->flag = (uint16_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(uint16_t));
    an->compute = (uint8_t *)hln__an_arr(an, &an->tmp, an->n, 1);
    an->ckind = (char *)hln__an_arr(an, &an->tmp, an->n, 1);
    an->cstart = (uint32_t *)hln__an_arr(an, &an->tmp, (uint64_t)an->nv + 2, sizeof(uint32_t));
    if (an->nomem) return HLN_ERR_NOMEM;
    for (k = 0; k < an->n; k++) an->pos[k] = UINT32_MAX;
    for (k = 0; k < an->n; k++) {   /* the order must be a permutation in which producers come first */
        if (g->order[k] >= an->n || an->pos[g->order[k]] != UINT32_MAX) return HLN_ERR_ARG;
        an->pos[g->order[k]] = k;
    }
    for (i = 0; i < an->n; i++)
        for (k = 0; k < g->nodes[i].n_inputs; k++) {
            int32_t p = hln__an_prod(an, &g->nodes[i], k);
            if (p >= 0 && an->pos[p] >= an->pos[i]) return HLN_ERR_ARG;
        }
    for (k = 0; k < an->n; k++) {   /* op tests the passes repeat per node */
        const hln_node *n = &g->nodes[k], *src = an->src && an->src != g ? &an->src->nodes[k] : n;
        an->compute[k] = (uint8_t)((hln__is_compute_op(n) ? HLN__AN_COMPUTE : 0) | (hln__an_weighted_mm_op(an, k) ? HLN__AN_WMM : 0));
        if (hln__is_conv(n))
            an->ckind[k] = strcmp(src->domain, "tflite") == 0 ? hln__conv_kind_tfl(an, src, n)
                         : strcmp(src->op_type, "GroupConvolution") == 0 ? hln__conv_kind_ov(an, n) : hln__conv_kind_of(an, n);
    }
    for (i = 0; i < g->n_inputs; i++)
        if (g->inputs[i] >= 0 && (uint32_t)g->inputs[i] < an->nv && g->values[g->inputs[i]].tensor < 0) an->active[g->inputs[i]] = 1;
    for (k = 0; k < an->n; k++) {   /* active: data flows from an input, not only through Shape/Size */
        const hln_node *n = &g->nodes[g->order[k]];
        int32_t f;
        if (hln__op(n, "Shape") || hln__op(n, "Size") || !hln__an_active_inputs(an, n, &f)) continue;
        an->act_node[g->order[k]] = 1;
        for (i = 0; i < n->n_outputs; i++) if (n->outputs[i] >= 0 && (uint32_t)n->outputs[i] < an->nv) an->active[n->outputs[i]] = 1;
    }
    for (i = 0; i < an->n; i++) {
        const hln_node *n = &g->nodes[i];
        for (k = 0; k < n->n_inputs; k++)
            if (n->inputs[k] >= 0 && (uint32_t)n->inputs[k] < an->nv && !(k && n->inputs[k - 1] == n->inputs[k])) an->cstart[n->inputs[k] + 2]++;
    }
    for (i = 0; i < an->nv; i++) an->cstart[i + 2] += an->cstart[i + 1];
    an->cons = (uint32_t *)hln__an_arr(an, &an->tmp, an->cstart[an->nv + 1], sizeof(uint32_t));
    if (an->nomem) return HLN_ERR_NOMEM;
    for (s = 0; s < an->n; s++) {   /* consumers in order of position */
        uint32_t ni = g->order[s];
        const hln_node *n = &g->nodes[ni];
        for (k = 0; k < n->n_inputs; k++) {
            int32_t v = n->inputs[k];
            if (v < 0 || (uint32_t)v >= an->nv) continue;
            if (k && n->inputs[k - 1] == v) continue;   /* x*x: one use */
            an->cons[an->cstart[v + 1]++] = ni;
        }
    }
    return HLN_OK;
}

/* ---- graph patterns ---- */
/* Follows sole-consumer links from node n while the ops are in `through`; returns the first
   node that is not (or -1). */
static int32_t hln__an_skip(const hln__an *an, uint32_t n, const char *const *through) {
    uint32_t steps;
    int32_t c = hln__an_next(an, n);
    for (steps = 0; c >= 0 && steps < an->o.max_trace && hln__op_any(&an->g->nodes[c], through); steps++) c = hln__an_next(an, (uint32_t)c);
    return c;
}
/* Walks back from value v through ops in `through` (following their first active input);
   returns the first producer that is not in `through` or is a residual join (or -1), and in
   *via the value it produced on the way. */
static int32_t hln__an_back_via(const hln__an *an, int32_t v, const char *const *through, int32_t *via) {
    uint32_t steps;
    for (steps = 0; steps <= an->o.max_trace; steps++) {
        const hln_value *val = hln__an_val(an, v);
        const hln_node *p;
        int32_t f;
        if (!val || val->producer < 0 || (uint32_t)val->producer >= an->n) return -1;
        p = &an->g->nodes[val->producer];
        *via = v;
        if (!hln__op_any(p, through) || (an->flag[val->producer] & HLN__F_RESID)) return val->producer;
        if (!hln__an_active_inputs(an, p, &f)) return -1;
        v = f;
    }
    return -1;
}
static int32_t hln__an_back(const hln__an *an, int32_t v, const char *const *through) {
    int32_t via;
    return hln__an_back_via(an, v, through, &via);
}
/* hard-swish written out: Add(x, 3) -> Clip(0, 6) -> Mul(x, .) -> Div(6) (or Mul 1/6); returns the last node. */
static int32_t hln__an_hardswish(const hln__an *an, uint32_t producer) {
    const hln_node *p = &an->g->nodes[producer];
    int32_t v = p->n_outputs ? p->outputs[0] : -1, c, d;
    uint32_t k;
    if (hln__an_uses(an, v) != 2) return -1;
    for (k = an->cstart[v]; k < an->cstart[v + 1]; k++) {
        c = (int32_t)an->cons[k];
        if (!hln__op(&an->g->nodes[c], "Add")) continue;
        if ((d = hln__an_next(an, (uint32_t)c)) < 0 || !(hln__op(&an->g->nodes[d], "Clip") || hln__op(&an->g->nodes[d], "Relu"))) return -1;
        if ((d = hln__an_next(an, (uint32_t)d)) < 0 || !hln__op(&an->g->nodes[d], "Mul")) return -1;
        c = hln__an_next(an, (uint32_t)d);
        if (c >= 0 && (hln__op(&an->g->nodes[c], "Div") || hln__op(&an->g->nodes[c], "Mul"))) return c;
        return d;
    }
    return -1;
}
static const char *const hln__bn_ops[] = { "BatchNormalization", NULL };
/* Between QK^T and the Softmax: scale, mask, softcap, and the head reshapes of exports that
   batch heads into the matmul's batch dim (TFLite BATCH_MATMUL of [B*H, S, d] operands). */
static const char *const hln__mask_ops[] = { "Mul", "Div", "Add", "Where", "Cast", "Sub", "Tanh", "Reshape", "Squeeze", "Unsqueeze", NULL };
/* Between the Softmax and its .V MatMul. */
static const char *const hln__pass_ops[] = { "Cast", "Dropout", "Identity", "Reshape", "Squeeze", "Unsqueeze", NULL };
static const char *const hln__se_ops[] = { "Relu", "Clip", "HardSigmoid", "Sigmoid", "HardSwish", "Conv", "Gemm", "MatMul", "Add", "Mul", "Div", "Reshape", "Flatten", "Squeeze", "Unsqueeze", NULL };

/* The skip of a residual join: `skip` is read elsewhere too (or is a projection of such a
   value), and `branch` comes from a compute op reached before the skip value. */
static int hln__an_from_compute(const hln__an *an, int32_t branch, int32_t skip) {
    const hln_value *sv = hln__an_val(an, skip);
    uint32_t steps;
    int32_t v = branch;
    if (!sv || !hln__an_is_active(an, skip)) return 0;
    if (hln__an_uses(an, skip) < 2) {   /* a projected shortcut: at most one conv, pools/pads/BN, from a value read twice */
        int32_t v2 = skip, f;
        uint32_t convs = 0;
        for (steps = 0; steps <= an->o.max_trace && hln__an_uses(an, v2) < 2; steps++) {
            const hln_value *x = hln__an_val(an, v2);
            const hln_node *p;
            if (!x || x->producer < 0 || (uint32_t)x->producer >= an->n) return 0;
            p = &an->g->nodes[x->producer];
            if (hln__is_compute(an, p) && ++convs > 1) return 0;
            if (hln__an_active_inputs(an, p, &f) != 1) return 0;
            v2 = f;
        }
        if (hln__an_uses(an, v2) < 2) return 0;
    }
    for (steps = 0; steps <= an->o.max_trace; steps++) {
        const hln_value *val = hln__an_val(an, v);
        const hln_node *p;
        uint32_t k;
        int32_t next = -1;
        if (!val || val->producer < 0 || (uint32_t)val->producer >= an->n) return 0;
        p = &an->g->nodes[val->producer];
        if (hln__is_compute(an, p) || (an->flag[val->producer] & (HLN__F_ATTN | HLN__F_NORM))) return 1;
        for (k = 0; k < p->n_inputs; k++) {
            if (p->inputs[k] == skip) return 0;
            if (next < 0 && hln__an_is_active(an, p->inputs[k])) next = p->inputs[k];
        }
        if (next < 0) return 0;
        v = next;
    }
    return 0;
}
/* MatMul with two activations (QK^T or scores.V), not a weight product. */
static int hln__an_act_matmul(const hln__an *an, int32_t node) {
    const hln_node *n;
    int32_t f;
    if (node < 0) return 0;
    n = &an->g->nodes[node];
    return (hln__op(n, "MatMul") || hln__op(n, "Einsum")) && hln__an_active_inputs(an, n, &f) == 2;
}

/* A pool over the whole map: GlobalAveragePool, ReduceMean, or an AveragePool whose output
   keeps at most one dim above 1 after the batch ([N, C, 1, 1] or NHWC [N, 1, 1, C]: TFLite
   writes the squeeze of a squeeze-and-excitation as AVERAGE_POOL_2D). */
static int hln__an_gpool(const hln__an *an, uint32_t node) {
    const hln_node *n = &an->g->nodes[node];
    const hln_value *o;
    uint32_t d, wide = 0;
    if (hln__op(n, "GlobalAveragePool") || hln__op(n, "ReduceMean")) return 1;
    if (!hln__op(n, "AveragePool") || !n->n_outputs || !(o = hln__an_val(an, n->outputs[0])) || o->inferred.rank < 3) return 0;
    for (d = 1; d < (uint32_t)o->inferred.rank; d++) {
        if (o->inferred.dims[d].value <= 0) return 0;   /* unknown: not shown to be global */
        wide += o->inferred.dims[d].value > 1;
    }
    return wide <= 1;
}

static void hln__an_attention_core(hln__an *an, uint32_t sm);
static void hln__an_norm(hln__an *an, uint32_t r);
static int hln__an_causal_ranges(const hln__an *an, const hln_node *cmp);

static void hln__an_patterns(hln__an *an) {
    hln_graph *g = an->g;
    uint32_t s, k;
    for (s = 0; s < an->n; s++) {
        uint32_t i = g->order[s];
        hln_node *n = &g->nodes[i];
        int32_t f, c;
        if (hln__op(n, "Gather") && n->n_inputs >= 2) {   /* a table lookup: an embedding, or positions when the indices are plumbing */
            int32_t w = hln__an_weight(an, n, 0);
            if (w >= 0 && an->m->tensors[w].n_dims == 2) {
                int pos_table = !hln__an_is_active(an, n->inputs[1]);
                hln__an_found(an, pos_table ? "position_table" : "embedding",
                              hln__an_str(an, "%lld x %lld", (long long)an->m->tensors[w].dims[0], (long long)an->m->tensors[w].dims[1]), i, 0);
                an->flag[i] |= HLN__F_EMBED;
            }
        }
        if (!an->act_node[i]) continue;
        if (hln__is_conv(n) || hln__op(n, "ConvTranspose")) {
            char kind = hln__op(n, "ConvTranspose") ? 'k' : hln__conv_kind(an, n);
            int32_t last = (int32_t)i, bn = -1, act = -1;
            uint32_t size = 0;
            c = hln__an_next(an, i);
            if (c >= 0 && hln__op_any(&g->nodes[c], hln__bn_ops)) { bn = c; last = c; c = hln__an_next(an, (uint32_t)c); }
            if (c >= 0 && hln__op_any(&g->nodes[c], hln__acts)) act = c, size = 1;
            else if ((c = hln__an_hardswish(an, (uint32_t)last)) >= 0) act = c, size = hln__op(&g->nodes[c], "Mul") && hln__an_prod(an, &g->nodes[c], 0) >= 0 && hln__op(&g->nodes[hln__an_prod(an, &g->nodes[c], 0)], "Clip") ? 3 : 4;
            if (bn >= 0 || act >= 0) {
                hln__an_found(an, "conv_bn_act", act < 0 ? "conv-bn" : bn < 0 ? "conv-act" : "conv-bn-act", i, 0);
                hln__an_fuse(an, "conv_bn_act", 1 + (bn >= 0) + size);
            }
            if (kind == 'd') {   /* depthwise: a pointwise conv within a few ops makes it separable */
                static const char *const through[] = { "BatchNormalization", "Relu", "Clip", "HardSwish", "HardSigmoid", "Sigmoid",
                                                       "Add", "Mul", "Div", "GlobalAveragePool", "Conv", NULL };
                int32_t cur = (int32_t)i, pw = -1, expand = -1;
                uint32_t steps;
                for (steps = 0; steps < an->o.max_trace * 2 && pw < 0; steps++) {   /* forward along the main path */
                    const hln_node *cn;
                    int32_t v, best = -1;
                    uint32_t q;
                    cn = &g->nodes[cur];
                    v = cn->n_outputs ? cn->outputs[0] : -1;
                    if (v < 0 || (uint32_t)v >= an->nv) break;
                    for (q = an->cstart[v]; q < an->cstart[v + 1]; q++) {   /* SE branches off; the main path is the Mul/next */
                        const hln_node *x = &g->nodes[an->cons[q]];
                        if (hln__an_gpool(an, an->cons[q])) continue;
                        if (best < 0 || hln__op(x, "Mul")) best = (int32_t)an->cons[q];
                    }
                    if (best < 0 || !hln__op_any(&g->nodes[best], through)) break;
                    if (hln__is_conv(&g->nodes[best])) { if (hln__conv_kind(an, &g->nodes[best]) == 'p') pw = best; break; }
                    cur = best;
                }
                if (pw >= 0) hln__an_found(an, "depthwise_separable", NULL, i, 0);
                /* inverted residual: a pointwise expand conv feeds this depthwise one */
                f = -1;
                hln__an_active_inputs(an, n, &f);
                {
                    static const char *const back[] = { "BatchNormalization", "Relu", "Clip", "HardSwish", "Add", "Mul", "Div", "Pad", NULL };
                    expand = hln__an_back(an, f, back);
                }
                /* narrow -> wide -> narrow: the project conv has fewer output channels than the expand
                   one (MobileNet v1's pointwise -> depthwise -> pointwise chain widens instead) */
                if (pw >= 0 && expand >= 0 && hln__is_conv(&g->nodes[expand]) && hln__conv_kind(an, &g->nodes[expand]) == 'p' &&
                    hln__an_conv_out(an, &g->nodes[pw]) < hln__an_conv_out(an, &g->nodes[expand])) {
                    hln__an_found(an, "inverted_residual", NULL, i, 0);
                    an->flag[i] |= HLN__F_INVRES;
                }
            }
        } else if (hln__op(n, "Mul") && n->n_inputs == 2 && hln__an_is_active(an, n->inputs[0]) && hln__an_is_active(an, n->inputs[1])) {
            /* squeeze-and-excitation: x * gate(pool(x)) */
            for (k = 0; k < 2; k++) {
                int32_t gate = hln__an_prod(an, n, k), pool;
                if (gate < 0 || !(hln__op(&g->nodes[gate], "Sigmoid") || hln__op(&g->nodes[gate], "HardSigmoid") ||
                                  hln__op(&g->nodes[gate], "Clip") || hln__op(&g->nodes[gate], "Div"))) continue;
                pool = hln__an_back(an, n->inputs[k], hln__se_ops);
                if (pool >= 0 && hln__an_gpool(an, (uint32_t)pool) &&
                    g->nodes[pool].n_inputs && g->nodes[pool].inputs[0] == n->inputs[1 - k]) {
                    hln__an_found(an, "squeeze_excitation", NULL, i, 0);
                    an->flag[i] |= HLN__F_SE;
                    break;
                }
            }
        }
        if ((hln__op(n, "Add") || hln__op(n, "Sum")) && hln__an_active_inputs(an, n, &f) >= 2) {
            /* residual: one input also feeds another path (the skip), the other comes from compute */
            int32_t a0 = hln__an_prod(an, n, 0), a1 = hln__an_prod(an, n, 1);
            if (n->n_inputs >= 2 && a0 != a1 && !(an->flag[i] & HLN__F_SE) &&
                (hln__an_from_compute(an, n->inputs[1], n->inputs[0]) || hln__an_from_compute(an, n->inputs[0], n->inputs[1]))) {
                hln__an_found(an, "residual_add", NULL, i, 0);
                an->flag[i] |= HLN__F_RESID;
            }
        }
        if (hln__op(n, "Add") && n->n_inputs == 2 && hln__an_active_inputs(an, n, &f) == 2)
            for (k = 0; k < 2; k++) {   /* feature-pyramid merge: an upsampled map added to a lateral one */
                int32_t p = hln__an_prod(an, n, k);
                if (p >= 0 && (hln__op(&g->nodes[p], "Resize") || hln__op(&g->nodes[p], "Upsample") || hln__op(&g->nodes[p], "ConvTranspose"))) {
                    hln__an_found(an, "fpn_merge", NULL, i, 0);
                    break;
                }
            }
        if (hln__op(n, "Concat") && hln__an_active_inputs(an, n, &f) >= 2) {
            int up = 0, distant = 0;
            for (k = 0; k < n->n_inputs; k++) {
                int32_t p = hln__an_prod(an, n, k);
                if (p < 0 || !hln__an_is_active(an, n->inputs[k])) continue;
                if (hln__op(&g->nodes[p], "Resize") || hln__op(&g->nodes[p], "Upsample") || hln__op(&g->nodes[p], "ConvTranspose")) up = 1;
                else if (s > an->pos[p] + 16) distant = 1;
            }
            hln__an_found(an, up && distant ? "unet_skip" : "concat_merge", NULL, i, 0);
        }
        if (hln__op(n, "Softmax") && hln__an_is_active(an, n->n_inputs ? n->inputs[0] : -1)) {
            int32_t qk = hln__an_back(an, n->inputs[0], hln__mask_ops);
            int32_t v = hln__an_skip(an, i, hln__pass_ops);
            if (v < 0) v = hln__an_next(an, i);
            if (hln__an_act_matmul(an, qk) && hln__an_act_matmul(an, v)) hln__an_attention_core(an, i);
            else hln__an_found(an, "softmax_head", NULL, i, 0);   /* a classifier over features: no attention, no KV cache */
        }
        if ((hln__op(n, "ReduceMean") || hln__op(n, "ReduceL2")) && n->n_inputs) hln__an_norm(an, i);
        if (n->domain[0] && (strcmp(n->op_type, "Attention") == 0 || strcmp(n->op_type, "MultiHeadAttention") == 0 ||
                             strcmp(n->op_type, "GroupQueryAttention") == 0 || strcmp(n->op_type, "PackedAttention") == 0))
            hln__an_attention_core(an, i);
        if (hln__op(n, "Attention")) hln__an_attention_core(an, i);   /* ONNX opset 23 */
        if (hln__op(n, "LayerNormalization") || (n->domain[0] && (strcmp(n->op_type, "SkipLayerNormalization") == 0 ||
                                                                   strcmp(n->op_type, "LayerNormalization") == 0))) {
            hln__an_found(an, "norm", "LayerNorm", i, 0); an->flag[i] |= HLN__F_NORM;
        }
        if (hln__op(n, "RMSNormalization") || (n->domain[0] && (strcmp(n->op_type, "SimplifiedLayerNormalization") == 0 ||
                                                                 strcmp(n->op_type, "SkipSimplifiedLayerNormalization") == 0))) {
            hln__an_found(an, "norm", "RMSNorm", i, 0); an->flag[i] |= HLN__F_NORM;
        }
        if (hln__op(n, "BatchNormalization")) { hln__an_found(an, "norm", "BatchNorm", i, 0); an->flag[i] |= HLN__F_NORM; }
        if (hln__op(n, "InstanceNormalization") || hln__op(n, "GroupNormalization")) {
            hln__an_found(an, "norm", hln__op(n, "GroupNormalization") ? "GroupNorm" : "InstanceNorm", i, 0);
            an->flag[i] |= HLN__F_NORM;
        }
        if (hln__op(n, "LSTM") || hln__op(n, "GRU") || hln__op(n, "RNN")) {
            const char *dir = hln__ga_attr_s(n, "direction", "forward");
            hln__an_found(an, "recurrent", hln__an_str(an, "%s %s", n->op_type, dir), i, 0);
        } else if (n->n_attrs) {   /* a cell stepped by a loop over the sequence */
            const char *cell = hln__an_body_rnn(n, 0);
            if (cell) hln__an_found(an, "recurrent", hln__an_str(an, "%s cell in %s", cell, n->op_type), i, 0);
        }
        if (hln__op(n, "Sin") || hln__op(n, "Cos") || (n->domain[0] && strcmp(n->op_type, "RotaryEmbedding") == 0) ||
            hln__op(n, "RotaryEmbedding"))
            hln__an_found(an, "trig_position", n->op_type, i, 0);
        if (hln__op(n, "TopK") && hln__an_is_active(an, n->n_inputs ? n->inputs[0] : -1)) {
            static const char *const through[] = { "Softmax", "Cast", NULL };
            int32_t p = hln__an_back(an, n->inputs[0], through);
            if (p >= 0 && (hln__op(&g->nodes[p], "MatMul") || hln__op(&g->nodes[p], "Gemm")) && hln__an_weight(an, &g->nodes[p], 1) >= 0)
                hln__an_found(an, "moe_router", NULL, i, 0);
        }
    }
}

/* ---- attention cores ---- */
static const char *const hln__head_ops[] = { "Transpose", "Reshape", "Unsqueeze", "Squeeze", "Expand", "Tile", "Slice",
                                             "Gather", "Add", "Mul", "Concat", "Neg", "Cast", "Identity", "Div", NULL };
/* Width of the projection a Q/K/V path starts from: the last dim of the Split output or
   weight product output it reaches through head reshapes (-1 unknown); *src is that
   projection's input, *proj the node reached. */
static int64_t hln__an_proj_width(const hln__an *an, int32_t v, int32_t *src, int32_t *proj) {
    int32_t via = -1, p = hln__an_back_via(an, v, hln__head_ops, &via);
    const hln_value *val = hln__an_val(an, via);
    const hln_node *pn;
    *src = -1;
    *proj = p;
    if (p < 0 || !val) return -1;
    pn = &an->g->nodes[p];
    if (hln__op(pn, "Split")) {
        int32_t pp = hln__an_prod(an, pn, 0);
        if (pp >= 0) hln__an_active_inputs(an, &an->g->nodes[pp], src);
    } else if ((hln__op(pn, "MatMul") || hln__op(pn, "Gemm")) && hln__an_weight(an, pn, 1) >= 0) hln__an_active_inputs(an, pn, src);
    else return -1;
    return val->inferred.rank > 0 ? val->inferred.dims[val->inferred.rank - 1].value : -1;
}
/* Element (r, c) of the first matrix of a small constant tensor, as a double. */
/* Element (r, c) of a small constant, in the model's byte order (not the host's). */
static int hln__an_elem(const hln_tensor *t, int big_endian, uint64_t r, uint64_t c, double *out) {
    uint64_t cols = t->n_dims ? (uint64_t)t->dims[t->n_dims - 1] : 0, i = r * cols + c;
    const uint8_t *p = (const uint8_t *)t->data;
    if (!p || i >= t->n_elements) return 0;
    switch (t->dtype) {
    case HLN_DTYPE_BOOL: case HLN_DTYPE_U8: *out = p[i]; return 1;
    case HLN_DTYPE_I8: *out = (int8_t)p[i]; return 1;
    case HLN_DTYPE_F32: {
        uint32_t u = (uint32_t)hln__load_uint(p + 4 * i, 4, big_endian);
        float f;
        memcpy(&f, &u, 4);
        *out = f;
        return 1;
    }
    case HLN_DTYPE_I32: *out = (int32_t)(uint32_t)hln__load_uint(p + 4 * i, 4, big_endian); return 1;
    case HLN_DTYPE_I64: *out = (double)(int64_t)hln__load_uint(p + 8 * i, 8, big_endian); return 1;
    default: return 0;
    }
}
/* A causal mask among the ancestors of value v: Trilu, a comparison of two ranges, or a
   lower-triangular constant table (its (0,1) entry differs from its (1,0) and (0,0) ones). */
static int hln__an_causal_from(const hln__an *an, int32_t v) {
    int32_t stack[64];
    uint32_t top = 0, seen = 0;
    stack[top++] = v;
    while (top && seen < 64) {
        const hln_value *val = hln__an_val(an, stack[--top]);
        const hln_node *p;
        uint32_t k;
        seen++;
        if (!val) continue;
        if (val->tensor >= 0 && (uint32_t)val->tensor < an->m->n_tensors) {
            const hln_tensor *t = &an->m->tensors[val->tensor];
            double a, b, c;
            if (t->n_dims >= 2 && t->dims[t->n_dims - 1] >= 2 && t->dims[t->n_dims - 2] >= 2 &&
                hln__an_elem(t, an->m->big_endian, 0, 1, &a) && hln__an_elem(t, an->m->big_endian, 1, 0, &b) && hln__an_elem(t, an->m->big_endian, 0, 0, &c) && a != b && b == c) return 1;
            continue;
        }
        if (val->producer < 0 || (uint32_t)val->producer >= an->n) continue;
        p = &an->g->nodes[val->producer];
        if (hln__op(p, "Trilu")) return 1;
        if ((hln__op(p, "Less") || hln__op(p, "LessOrEqual") || hln__op(p, "Greater") || hln__op(p, "GreaterOrEqual")) &&
            hln__an_causal_ranges(an, p)) return 1;
        for (k = 0; k < p->n_inputs && top < 64; k++) if (p->inputs[k] >= 0) stack[top++] = p->inputs[k];
    }
    return 0;
}
static void hln__an_attention_add(hln__an *an, const hln_attention *at) {
    hln_analysis *r = an->out;
    hln_attention *p = (hln_attention *)hln__an_grow(an, r->attention, r->n_attention, &an->cap_attention, sizeof *p);
    if (!p) return;
    r->attention = p;
    r->attention[r->n_attention++] = *at;
}
static void hln__an_attention_kind(hln_attention *at) {
    if (at->latent > 0) at->kind = "MLA";
    else if (at->n_head > 0 && at->n_head_kv == 1 && at->n_head > 1) at->kind = "MQA";
    else if (at->n_head > 0 && at->n_head_kv > 1 && at->n_head_kv < at->n_head) at->kind = "GQA";
    else at->kind = "MHA";
    at->kv_saving_vs_mha = 0;
    if (at->latent > 0 && at->n_head > 0 && at->head_dim > 0)
        at->kv_saving_vs_mha = 1.0 - (double)at->latent / (2.0 * (double)at->n_head * (double)at->head_dim);
    else if (at->n_head > 0 && at->n_head_kv > 0 && at->n_head_kv <= at->n_head)
        at->kv_saving_vs_mha = 1.0 - (double)at->n_head_kv / (double)at->n_head;
}
static void hln__an_attention_core(hln__an *an, uint32_t sm) {
    hln_graph *g = an->g;
    hln_node *n = &g->nodes[sm];
    hln_attention at;
    memset(&at, 0, sizeof at);
    at.n_head = at.n_head_kv = at.head_dim = at.latent = -1;
    at.node = (int32_t)sm;
    an->flag[sm] |= HLN__F_ATTN;
    if (!hln__op(n, "Softmax")) {   /* fused ops: heads from attributes */
        at.fused_op = hln__an_str(an, "%s%s%s", n->domain, n->domain[0] ? "::" : "", n->op_type);
        at.n_head = hln__ga_attr_i(n, "num_heads", hln__ga_attr_i(n, "q_num_heads", -1));
        at.n_head_kv = hln__ga_attr_i(n, "kv_num_heads", at.n_head);
        at.causal = hln__ga_attr_i(n, "unidirectional", hln__ga_attr_i(n, "is_causal", strcmp(n->op_type, "GroupQueryAttention") == 0)) != 0;
        at.window = hln__ga_attr_i(n, "local_window_size", -1) > 0 ? hln__ga_attr_i(n, "local_window_size", -1) : 0;
        if (n->n_inputs >= 1 && at.n_head > 0) {
            const hln_value *q = hln__an_val(an, n->inputs[0]);
            if (q && q->inferred.rank == 3 && q->inferred.dims[2].value > 0 && strcmp(n->op_type, "Attention") != 0)
                at.head_dim = q->inferred.dims[2].value / at.n_head;
        }
        at.cross = n->n_inputs >= 2 && hln__an_is_active(an, n->inputs[1]) && n->inputs[1] != n->inputs[0] &&
                   strcmp(n->op_type, "MultiHeadAttention") == 0;
    } else {
        int32_t qk = hln__an_back(an, n->inputs[0], hln__mask_ops), cur;
        const hln_node *q = &g->nodes[qk];
        const hln_value *s = n->n_outputs ? hln__an_val(an, n->outputs[0]) : NULL;
        const hln_value *qv = hln__an_val(an, q->inputs[0]);
        int32_t qsrc = -1, ksrc = -1, qproj = -1, kproj = -1;
        int64_t qw, kw;
        uint32_t steps;
        an->flag[qk] |= HLN__F_ATTN;
        if (s && s->inferred.rank == 4 && s->inferred.dims[1].value > 0) at.n_head = s->inferred.dims[1].value;
        if (qv && qv->inferred.rank >= 2 && qv->inferred.dims[qv->inferred.rank - 1].value > 0)
            at.head_dim = qv->inferred.dims[qv->inferred.rank - 1].value;
        qw = hln__an_proj_width(an, q->inputs[0], &qsrc, &qproj);
        kw = hln__an_proj_width(an, q->inputs[1], &ksrc, &kproj);
        if (qw > 0 && qproj >= 0 && qproj == kproj && !hln__op(&g->nodes[qproj], "Split") && at.head_dim > 0 && qw % at.head_dim == 0) {
            /* one weight product holds Q, K and V (sliced apart): width = (n_head + 2 n_head_kv) head_dim */
            int64_t units = qw / at.head_dim;
            if (at.n_head < 0 && units % 3 == 0) at.n_head = units / 3;
            if (at.n_head > 0 && units > at.n_head && (units - at.n_head) % 2 == 0) at.n_head_kv = (units - at.n_head) / 2;
        } else {
            if (at.head_dim > 0 && qw > 0 && at.n_head < 0 && qw % at.head_dim == 0) at.n_head = qw / at.head_dim;
            if (at.head_dim > 0 && kw > 0 && kw % at.head_dim == 0) at.n_head_kv = kw / at.head_dim;
        }
        if (at.n_head_kv < 0) at.n_head_kv = at.n_head;
        at.cross = qsrc >= 0 && ksrc >= 0 && qsrc != ksrc;
        /* the mask: non-score inputs of the ops between QK^T and the softmax */
        cur = n->inputs[0];
        for (steps = 0; steps <= an->o.max_trace; steps++) {
            const hln_value *val = hln__an_val(an, cur);
            const hln_node *p;
            uint32_t k;
            int32_t next = -1;
            if (!val || val->producer < 0 || val->producer == qk) break;
            p = &g->nodes[val->producer];
            an->flag[val->producer] |= HLN__F_ATTN;
            for (k = 0; k < p->n_inputs; k++) {
                int32_t pv = p->inputs[k];
                const hln_value *x = hln__an_val(an, pv);
                int data = x && x->producer >= 0 && an->active[pv] && hln__an_back(an, pv, hln__mask_ops) == qk;
                if (data && next < 0) next = pv;
                else if (pv >= 0 && !at.causal && (hln__op(p, "Where") || hln__op(p, "Add") || hln__op(p, "Sub")) &&
                         hln__an_causal_from(an, pv)) at.causal = 1;
            }
            if (next < 0) break;
            cur = next;
        }
        cur = hln__an_skip(an, sm, hln__pass_ops);
        if (cur < 0) cur = hln__an_next(an, sm);
        if (cur >= 0) an->flag[cur] |= HLN__F_ATTN;
    }
    hln__an_attention_kind(&at);
    hln__an_attention_add(an, &at);
    hln__an_found(an, "attention", at.fused_op ? at.fused_op : "scaled-dot-product", sm, 0);
}

/* Two Range-derived operands: the position comparison of a causal mask. */
static int hln__an_causal_ranges(const hln__an *an, const hln_node *cmp) {
    static const char *const through[] = { "Unsqueeze", "Reshape", "Cast", "Expand", "Add", "Sub", "Slice", NULL };
    uint32_t k, ranges = 0;
    for (k = 0; k < cmp->n_inputs && k < 2; k++) {
        int32_t v = cmp->inputs[k];
        uint32_t steps;
        for (steps = 0; steps < an->o.max_trace; steps++) {
            const hln_value *val = hln__an_val(an, v);
            const hln_node *p;
            if (!val || val->producer < 0 || (uint32_t)val->producer >= an->n) break;
            p = &an->g->nodes[val->producer];
            if (hln__op(p, "Range")) { ranges++; break; }
            if (!hln__op_any(p, through) || !p->n_inputs) break;
            v = p->inputs[0];
        }
    }
    return ranges == 2;
}

/* ---- normalisation subgraphs ---- */
/* (x - y)^2 as one op: TFLite's SQUARED_DIFFERENCE, OpenVINO's SquaredDifference. */
static int hln__an_sqdiff(const hln_node *n) {
    return n->domain[0] && (strcmp(n->op_type, "SQUARED_DIFFERENCE") == 0 || strcmp(n->op_type, "SquaredDifference") == 0);
}
/* Whether value v is value m, or m reshaped (the mean's reduced axis kept for broadcasting). */
static int hln__an_same_or_reshaped(const hln__an *an, int32_t v, int32_t m) {
    int32_t p;
    if (v == m) return 1;
    p = hln__an_val(an, v) ? hln__an_val(an, v)->producer : -1;
    return p >= 0 && (hln__op(&an->g->nodes[p], "Reshape") || hln__op(&an->g->nodes[p], "Unsqueeze")) &&
           an->g->nodes[p].n_inputs && an->g->nodes[p].inputs[0] == m;
}
/* Marks the nodes of a written-out LayerNorm/RMSNorm that starts at ReduceMean r (input x):
   elementwise ops whose other operands are constants or already in the set. Returns the count. */
static uint32_t hln__an_norm_region(hln__an *an, uint32_t r, int32_t x) {
    static const char *const ops[] = { "Sub", "Pow", "ReduceMean", "Add", "Sqrt", "Div", "Mul", "Reciprocal", "Rsqrt", "Cast",
                                       "RSQRT", "SQUARED_DIFFERENCE", "SquaredDifference", "Reshape", "Unsqueeze", NULL };
    uint32_t list[24], n_list = 0, head = 0, count = 0;
    list[n_list++] = r;
    an->flag[r] |= HLN__F_NORM;
    {   /* x's other consumers of the norm: Sub(x, mean) / Pow(x) / Mul(x, x) / Mul(x, rstd) */
        uint32_t q;
        for (q = an->cstart[x]; q < an->cstart[x + 1] && n_list < 24; q++) {
            uint32_t c = an->cons[q];
            const hln_node *cn = &an->g->nodes[c];
            if (c != r && (hln__op(cn, "Sub") || hln__op(cn, "Pow") || hln__op(cn, "Mul") || hln__an_sqdiff(cn)) && !(an->flag[c] & HLN__F_NORM) &&
                an->pos[c] < an->pos[r] + 16 && an->pos[c] + 16 > an->pos[r]) {
                an->flag[c] |= HLN__F_NORM;
                list[n_list++] = c;
            }
        }
    }
    while (head < n_list) {
        const hln_node *n = &an->g->nodes[list[head++]];
        int32_t v = n->n_outputs ? n->outputs[0] : -1;
        uint32_t q;
        count++;
        if (v < 0 || (uint32_t)v >= an->nv) continue;
        for (q = an->cstart[v]; q < an->cstart[v + 1] && n_list < 24; q++) {
            uint32_t c = an->cons[q], k;
            const hln_node *cn = &an->g->nodes[c];
            int ok = hln__op_any(cn, ops) && !(an->flag[c] & HLN__F_NORM);
            for (k = 0; ok && k < cn->n_inputs; k++) {
                int32_t in = cn->inputs[k];
                const hln_value *iv = hln__an_val(an, in);
                if (!iv || !an->active[in] || in == x) continue;
                if (iv->producer < 0 || !(an->flag[iv->producer] & HLN__F_NORM)) ok = 0;
            }
            if (ok) { an->flag[c] |= HLN__F_NORM; list[n_list++] = c; }
        }
    }
    return count;
}
static void hln__an_norm(hln__an *an, uint32_t r) {
    hln_node *n = &an->g->nodes[r];
    int32_t x = n->inputs[0], p = hln__an_prod(an, n, 0), base = -1;
    uint32_t q;
    int layer = 0, rms = 0;
    if (an->flag[r] & HLN__F_NORM || !hln__an_is_active(an, x)) return;
    for (q = an->cstart[x]; q < an->cstart[x + 1]; q++) {   /* LayerNorm: Sub(x, mean(x)) or (x - mean(x))^2 */
        const hln_node *c = &an->g->nodes[an->cons[q]];
        if ((hln__op(c, "Sub") || hln__an_sqdiff(c)) && c->n_inputs == 2 && c->inputs[0] == x && n->n_outputs &&
            hln__an_same_or_reshaped(an, c->inputs[1], n->outputs[0]))
            layer = 1;
    }
    if (!layer && p >= 0) {   /* RMSNorm: mean(y^2), y not centred */
        const hln_node *pn = &an->g->nodes[p];
        if ((hln__op(pn, "Pow") || (hln__op(pn, "Mul") && pn->n_inputs == 2 && pn->inputs[0] == pn->inputs[1])) && pn->n_inputs) {
            int32_t y = pn->inputs[0], yp = hln__an_prod(an, pn, 0);
            if (!(yp >= 0 && hln__op(&an->g->nodes[yp], "Sub"))) { rms = 1; base = y; }
        }
    }
    if (!layer && !rms) return;
    if (rms) x = base;
    hln__an_found(an, "norm", layer ? "LayerNorm" : "RMSNorm", r, 0);
    hln__an_fuse(an, layer ? "layernorm" : "rmsnorm", hln__an_norm_region(an, r, x));
    if (an->norms) {
        an->norms[an->n_norms].node = r;
        an->norms[an->n_norms].input = x;
        an->norms[an->n_norms++].rms = (uint8_t)rms;
    }
}

/* ---- MLPs, norm placement, position encoding, fusions (graphs) ---- */
static int hln__an_weighted_mm_op(const hln__an *an, uint32_t i) {
    const hln_node *n = &an->g->nodes[i];
    return (hln__op(n, "MatMul") || hln__op(n, "Gemm") || hln__op(n, "MatMulInteger") || hln__op(n, "QLinearMatMul") ||
            (n->domain[0] && strcmp(n->op_type, "MatMulNBits") == 0)) &&
           (hln__an_weight(an, n, 1) >= 0 || hln__an_weight(an, n, 0) >= 0 || hln__an_weight(an, n, 3) >= 0);
}
/* hln__an_weighted_mm_op, computed once per node by hln__an_graph_prep. */
static int hln__an_weighted_mm(const hln__an *an, uint32_t i) { return (an->compute[i] & HLN__AN_WMM) != 0; }
/* The activation/gating between a weight product and the next: "SwiGLU", "GeGLU", "GELU", ... or NULL. */
static const char *hln__an_mlp_from(hln__an *an, uint32_t m1, int32_t *m2) {
    uint32_t list[20], n_list = 0, head = 0;
    int relu = 0, gelu = 0, sig = 0, gated = 0, tanh = 0;
    list[n_list++] = m1;
    *m2 = -1;
    while (head < n_list && *m2 < 0) {
        const hln_node *n = &an->g->nodes[list[head++]];
        int32_t v = n->n_outputs ? n->outputs[0] : -1;
        uint32_t q;
        if (v < 0 || (uint32_t)v >= an->nv) continue;
        for (q = an->cstart[v]; q < an->cstart[v + 1] && n_list < 20; q++) {
            uint32_t c = an->cons[q];
            const hln_node *cn = &an->g->nodes[c];
            uint32_t k;
            if (hln__an_weighted_mm(an, c)) { *m2 = (int32_t)c; break; }
            if (hln__is_compute(an, cn) || hln__op(cn, "Softmax") || (an->flag[c] & (HLN__F_RESID | HLN__F_NORM))) continue;
            if (hln__op(cn, "Relu")) relu = 1;
            if (hln__op(cn, "Gelu") || hln__op(cn, "Erf") || strcmp(cn->op_type, "FastGelu") == 0 || strcmp(cn->op_type, "BiasGelu") == 0) gelu = 1;
            if (hln__op(cn, "Tanh")) tanh = 1;
            if (hln__op(cn, "Sigmoid") || strcmp(cn->op_type, "Silu") == 0 || strcmp(cn->op_type, "Swish") == 0) sig = 1;
            if (hln__op(cn, "Mul") && cn->n_inputs == 2)
                for (k = 0; k < 2; k++) {
                    int32_t p = hln__an_prod(an, cn, k);
                    if (p >= 0 && (uint32_t)p != m1 && hln__an_weighted_mm(an, (uint32_t)p)) gated = 1;
                    if (p >= 0 && hln__op(&an->g->nodes[p], "Add") && hln__an_prod(an, &an->g->nodes[p], 0) >= 0 &&
                        (uint32_t)hln__an_prod(an, &an->g->nodes[p], 0) != m1 && hln__an_weighted_mm(an, (uint32_t)hln__an_prod(an, &an->g->nodes[p], 0))) gated = 1;
                }
            list[n_list++] = c;
        }
    }
    if (*m2 < 0) return NULL;
    gelu |= tanh;
    if (gated) return sig ? "SwiGLU" : gelu ? "GeGLU" : relu ? "ReGLU" : NULL;
    return gelu ? "GELU" : relu ? "ReLU" : sig ? "SiLU" : NULL;
}

static const char *hln__an_majority(const hln_analysis *r, const char *kind, const char *const *names) {
    uint32_t best = 0, k;
    const char *pick = NULL;
    for (k = 0; names[k]; k++) {
        uint32_t i, c = 0;
        for (i = 0; i < r->n_patterns; i++)
            if (strcmp(r->patterns[i].kind, kind) == 0 && r->patterns[i].detail && strcmp(r->patterns[i].detail, names[k]) == 0) c += r->patterns[i].count;
        if (c > best) { best = c; pick = names[k]; }
    }
    return pick;
}

static void hln__an_graph_summary(hln__an *an) {
    static const char *const mlps[] = { "SwiGLU", "GeGLU", "ReGLU", "GELU", "ReLU", "SiLU", NULL };
    static const char *const norms[] = { "RMSNorm", "LayerNorm", "BatchNorm", "GroupNorm", "InstanceNorm", NULL };
    hln_analysis *r = an->out;
    hln_graph *g = an->g;
    uint32_t s, k, pre = 0, post = 0, negs = 0;
    for (s = 0; s < an->n; s++) {
        uint32_t i = g->order[s];
        const hln_node *n = &g->nodes[i];
        int32_t m2;
        const char *kind;
        if (!an->act_node[i]) continue;
        if (hln__op(n, "Neg")) negs++;
        if (hln__an_weighted_mm(an, i) && !(an->flag[i] & HLN__F_ATTN) && (kind = hln__an_mlp_from(an, i, &m2)) != NULL) {
            hln__an_found(an, "mlp", kind, i, 0);
            an->flag[i] |= HLN__F_MLP;
            an->flag[m2] |= HLN__F_MLP;
        }
        if (hln__an_weighted_mm(an, i) || hln__op(n, "Gemm")) {   /* MatMul + bias Add (+ activation) */
            int32_t c = hln__op(n, "Gemm") ? (int32_t)i : hln__an_next(an, i), f;
            uint32_t size = 1;
            if (!hln__op(n, "Gemm") && c >= 0 && hln__op(&g->nodes[c], "Add") && hln__an_active_inputs(an, &g->nodes[c], &f) == 1) size++;
            else if (!hln__op(n, "Gemm")) c = -1;
            if (c >= 0 && (k = (uint32_t)hln__an_next(an, (uint32_t)c)) < an->n && hln__an_next(an, (uint32_t)c) >= 0 &&
                hln__op_any(&g->nodes[k], hln__acts)) size++;
            if (size > 1) hln__an_fuse(an, "matmul_add_act", size);
        }
        if (hln__op(n, "DequantizeLinear") || hln__op(n, "QuantizeLinear")) {
            int32_t v = n->n_outputs ? n->outputs[0] : -1;
            uint32_t q;
            for (q = v >= 0 && (uint32_t)v < an->nv ? an->cstart[v] : 0; v >= 0 && (uint32_t)v < an->nv && q < an->cstart[v + 1]; q++)
                if (hln__is_compute(an, &g->nodes[an->cons[q]]) || hln__op(&g->nodes[an->cons[q]], "DequantizeLinear")) { hln__an_fuse(an, "qdq", 1); break; }
        }
    }
    for (k = 0; k < an->n_norms; k++) {   /* placement: does the skip path go around the norm? */
        int32_t x = an->norms[k].input;
        const hln_value *xv = hln__an_val(an, x);
        uint32_t q;
        int is_pre = 0;
        if (xv && xv->producer >= 0 && hln__op(&g->nodes[xv->producer], "Reshape") && g->nodes[xv->producer].n_inputs &&
            hln__an_is_active(an, g->nodes[xv->producer].inputs[0])) {   /* the norm's input reshaped (TFLite) */
            x = g->nodes[xv->producer].inputs[0];
            xv = hln__an_val(an, x);
        }
        for (q = an->cstart[x]; q < an->cstart[x + 1]; q++) if (an->flag[an->cons[q]] & HLN__F_RESID) is_pre = 1;
        if (is_pre) pre++;
        else if (xv && xv->producer >= 0 && (an->flag[xv->producer] & HLN__F_RESID)) post++;
    }
    r->mlp = hln__an_majority(r, "mlp", mlps);
    r->norm = hln__an_majority(r, "norm", norms);
    if (pre || post) r->norm_placement = pre >= post ? "pre-norm" : "post-norm";
    if (hln__an_count(r, "trig_position")) {
        static const char *const rotary[] = { "RotaryEmbedding", NULL };
        r->position_encoding = negs || hln__an_majority(r, "trig_position", rotary) ? "RoPE" : "sinusoidal";
    }
    else if (hln__an_count(r, "position_table")) r->position_encoding = "learned";
    {   /* tied output head: the last weight product before an output reads the embedding table */
        int32_t emb = -1, head = -1;
        for (s = 0; s < an->n; s++) {
            const hln_node *n = &g->nodes[g->order[s]];
            if (an->flag[g->order[s]] & HLN__F_EMBED && hln__an_weight(an, n, 0) >= 0 && emb < 0 &&
                hln__an_is_active(an, n->n_inputs > 1 ? n->inputs[1] : -1)) emb = hln__an_weight(an, n, 0);
            if (hln__an_weighted_mm(an, g->order[s])) head = (int32_t)g->order[s];
        }
        if (emb >= 0 && head >= 0 && hln__an_count(r, "attention")) {
            const hln_node *h = &g->nodes[head];
            r->tied_embeddings = hln__an_weight(an, h, 1) == emb || hln__an_weight(an, h, 0) == emb;
            an->flag[head] |= HLN__F_HEAD;
        }
    }
}

/* ---- blocks from the graph ----
   1. Cut the active nodes (in topological order) wherever a single data value crosses: the
      residual stream between layers, the output of a chain op. Segments lie between cuts.
   2. Hash each segment's structure bottom-up (op, conv flavour, which in-segment node feeds
      each input): isomorphic segments get equal hashes whatever their shapes. Projection
      shortcuts (a lone conv/BN from the segment's entry to the residual join) are left out,
      so a downsampling residual block matches the plain ones.
   3. Find tandem repeats of segment classes (units of 1..max_period segments repeated at
      least twice); shortest units first (a unit never hides a smaller repeat inside it), then
      the runs covering most segments; equal units in separate runs are one block kind. */
static uint64_t hln__an_mix(uint64_t h) {
    h ^= h >> 33; h *= 0xff51afd7ed558ccdULL; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL; h ^= h >> 33;
    return h;
}
static uint64_t hln__an_str_hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    return h;
}
typedef struct hln__an_seg { uint32_t start, end, cls; uint8_t compute, core; } hln__an_seg;   /* core: holds an attention core */
typedef struct hln__an_run { uint32_t period, start, reps; } hln__an_run;
static int hln__an_run_cmp(const void *a, const void *b) {
    const hln__an_run *x = (const hln__an_run *)a, *y = (const hln__an_run *)b;
    uint64_t cx = (uint64_t)x->period * x->reps, cy = (uint64_t)y->period * y->reps;
    if (x->period != y->period) return x->period < y->period ? -1 : 1;
    if (cx != cy) return cx > cy ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static const char *hln__an_block_name(hln__an *an, const uint32_t *nodes, uint32_t n_nodes) {
    uint32_t i, kxk = 0, pw = 0, dw = 0, attn = 0, mlp = 0, resid = 0, se = 0, concat = 0, rnn = 0, mm = 0, norm = 0, invres = 0, up = 0;
    for (i = 0; i < n_nodes; i++) {
        const hln_node *n = &an->g->nodes[nodes[i]];
        uint16_t f = an->flag[nodes[i]];
        if (f & HLN__F_SHORT) continue;
        if (hln__is_conv(n)) { char c = hln__conv_kind(an, n); if (c == 'd') dw++; else if (c == 'p') pw++; else kxk++; }
        if (hln__op(n, "ConvTranspose")) kxk++, up++;
        if (hln__op(n, "Resize") || hln__op(n, "Upsample")) up++;
        if (f & HLN__F_ATTN) attn++;
        if (f & HLN__F_MLP) mlp++;
        if (f & HLN__F_RESID) resid++;
        if (f & HLN__F_SE) se++;
        if (f & HLN__F_INVRES) invres++;
        if (f & HLN__F_NORM) norm++;
        if (hln__op(n, "Concat") && (kxk + pw + dw)) concat++;
        if (hln__op(n, "LSTM") || hln__op(n, "GRU") || hln__op(n, "RNN")) rnn++;
        if (hln__an_weighted_mm(an, nodes[i])) mm++;
    }
    if (attn) return mlp ? (dw ? "conformer layer" : "transformer layer") : "attention block";
    if (rnn) return "recurrent layer";
    if (up && (kxk || pw || dw)) return se ? "upsampling block + SE" : "upsampling block";   /* a decoder stage */
    if (dw && pw && invres) return se ? (resid ? "inverted residual block + SE" : "inverted bottleneck + SE")
                                      : (resid ? "inverted residual block" : "inverted bottleneck");
    if (dw && pw) return se ? (resid ? "depthwise-separable residual block + SE" : "depthwise-separable block + SE")
                            : (resid ? "depthwise-separable residual block" : "depthwise-separable block");
    if (resid && kxk >= 2 && !pw) return "basic residual block";
    if (resid && pw >= 2 && kxk) return "bottleneck residual block";
    if (resid && (kxk || pw || dw)) return "residual block";
    if (concat && pw && kxk) return "fire module";
    if (concat) return "concat block";
    if (se) return "squeeze-and-excitation block";
    if (mlp || mm) return norm ? "MLP layer + norm" : "MLP layer";
    if (kxk || pw || dw) return "conv layer";
    return "layer";
}

/* reps instances of the unit of `period` segments from segment `start`, of the block kind with
   the same class sequence (made when new); cls_n / unit_of hold each kind's period and first
   segment. */
static hln_result hln__an_instances(hln__an *an, const hln__an_seg *seg, const uint32_t *A, uint32_t *cover, uint32_t *unit_of,
                                    uint32_t *cls_n, uint32_t start, uint32_t period, uint32_t reps, uint32_t *n_inst) {
    hln_analysis *r = an->out;
    uint32_t b, j, k, rep;
    for (b = 0; b < r->n_blocks; b++) {   /* the same unit seen in another run? */
        uint32_t fs = unit_of[b], fp = cls_n[b];
        if (fp != period) continue;
        for (j = 0; j < fp && seg[fs + j].cls == seg[start + j].cls; j++) {}
        if (j == fp) break;
    }
    if (b == r->n_blocks) {
        hln_block *p = (hln_block *)hln__an_grow(an, r->blocks, r->n_blocks, &an->cap_blocks, sizeof *p);
        if (!p) return HLN_ERR_NOMEM;
        r->blocks = p;
        memset(&r->blocks[b], 0, sizeof r->blocks[b]);
        r->blocks[b].first_instance = *n_inst;
        cls_n[b] = period;
        unit_of[b] = start;
        r->n_blocks++;
    }
    for (rep = 0; rep < reps; rep++) {
        uint32_t s0 = start + rep * period;
        hln_block_instance *p = (hln_block_instance *)hln__an_grow(an, r->instances, *n_inst, &an->cap_instances, sizeof *p);
        if (!p) return HLN_ERR_NOMEM;
        r->instances = p;
        r->instances[*n_inst].block = b;
        r->instances[*n_inst].first = an->pos[A[seg[s0].start]];
        r->instances[*n_inst].last = an->pos[A[seg[s0 + period - 1].end]];
        for (j = 0; j < period; j++) {
            cover[s0 + j] = *n_inst;
            for (k = seg[s0 + j].start; k <= seg[s0 + j].end; k++) r->node_instance[A[k]] = (int32_t)*n_inst;
        }
        r->blocks[b].count++;
        (*n_inst)++;
    }
    return HLN_OK;
}

static hln_result hln__an_blocks_graph(hln__an *an) {
    hln_graph *g = an->g;
    hln_analysis *r = an->out;
    uint32_t na = 0, s, k, i, n_seg = 0, n_cls = 0, n_runs = 0, cap_runs, maxp = an->o.max_period;
    hln_result res;
    uint32_t *A = (uint32_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(uint32_t));
    int32_t *idx = (int32_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(int32_t));
    int64_t *diff = (int64_t *)hln__an_arr(an, &an->tmp, (uint64_t)an->n + 1, sizeof(int64_t));
    uint64_t *nh = (uint64_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(uint64_t));
    int32_t *seg_of = (int32_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(int32_t));
    uint32_t *jp = (uint32_t *)hln__an_arr(an, &an->tmp, (uint64_t)an->n + 1, sizeof(uint32_t));   /* joins before each position */
    hln__an_seg *seg;
    uint64_t *cls_key;
    uint32_t *cls_n, *unit_of, *cover;   /* per block: period, first segment */
    hln__an_run *runs;
    if (an->nomem) return HLN_ERR_NOMEM;
    for (s = 0; s < an->n; s++) {
        idx[g->order[s]] = -1;
        seg_of[g->order[s]] = -1;
        if (an->act_node[g->order[s]]) { idx[g->order[s]] = (int32_t)na; A[na++] = g->order[s]; }
    }
    r->node_instance = (int32_t *)hln__an_arr(an, an->a, an->n, sizeof(int32_t));
    if (an->nomem) return HLN_ERR_NOMEM;
    for (i = 0; i < an->n; i++) r->node_instance[i] = -1;
    if (na < 2) return HLN_OK;
    /* 1. cuts: graph inputs are live from the start. A long skip (a value live across two or
       more joins: residual adds, concats of branches) jumps over whole blocks (U-Net and
       feature-pyramid skips, a mask every layer reads) and does not keep them from being cut. */
    jp[0] = 0;
    for (k = 0; k < na; k++) {
        const hln_node *n = &g->nodes[A[k]];
        int32_t f;
        jp[k + 1] = jp[k] + ((an->flag[A[k]] & HLN__F_RESID) || (hln__op(n, "Concat") && hln__an_active_inputs(an, n, &f) >= 2));
    }
    for (i = 0; i < g->n_inputs; i++) {
        int32_t v = g->inputs[i], last = -1;
        uint32_t q;
        if (!hln__an_is_active(an, v)) continue;
        for (q = an->cstart[v]; q < an->cstart[v + 1]; q++) if (idx[an->cons[q]] > last) last = idx[an->cons[q]];
        if (last > 0 && jp[last] - jp[0] < 2) { diff[0]++; diff[last]--; }
    }
    for (k = 0; k < na; k++) {
        const hln_node *n = &g->nodes[A[k]];
        uint32_t o;
        for (o = 0; o < n->n_outputs; o++) {
            int32_t v = n->outputs[o], last = -1;
            uint32_t q;
            if (v < 0 || (uint32_t)v >= an->nv || !an->active[v]) continue;
            for (q = an->cstart[v]; q < an->cstart[v + 1]; q++) if (idx[an->cons[q]] > last) last = idx[an->cons[q]];
            if (last > (int32_t)k && jp[last] - jp[k + 1] < 2) { diff[k]++; diff[last]--; }
        }
    }
    seg = (hln__an_seg *)hln__an_arr(an, &an->tmp, na, sizeof *seg);
    if (!seg) return HLN_ERR_NOMEM;
    {
        int64_t cross = 0;
        uint32_t start = 0;
        for (k = 0; k < na; k++) {
            cross += diff[k];
            if (k + 1 == na || cross <= 1) { seg[n_seg].start = start; seg[n_seg].end = k; n_seg++; start = k + 1; }
        }
    }
    for (s = 0; s < n_seg; s++) for (k = seg[s].start; k <= seg[s].end; k++) seg_of[A[k]] = (int32_t)s;
    /* projection shortcuts: a conv (+BN) from the segment's entry straight into the residual join */
    for (s = 0; s < n_seg; s++)
        for (k = seg[s].start; k <= seg[s].end; k++) {
            const hln_node *n = &g->nodes[A[k]];
            uint32_t q;
            if (!(an->flag[A[k]] & HLN__F_RESID) || n->n_inputs != 2) continue;
            for (q = 0; q < 2; q++) {
                int32_t p = hln__an_prod(an, n, q), bn = -1, f, e;
                if (p < 0) continue;
                if (hln__op(&g->nodes[p], "BatchNormalization")) { bn = p; p = hln__an_prod(an, &g->nodes[p], 0); }
                if (p < 0 || !(hln__is_conv(&g->nodes[p]) || hln__an_weighted_mm(an, (uint32_t)p)) || hln__an_active_inputs(an, &g->nodes[p], &f) != 1) continue;
                e = hln__an_val(an, f)->producer;
                if (e >= 0 && seg_of[e] == (int32_t)s) continue;   /* fed from inside: main path */
                an->flag[p] |= HLN__F_SHORT;
                if (bn >= 0) an->flag[bn] |= HLN__F_SHORT;
                break;
            }
        }
    /* 2. structural hashes */
    for (s = 0; s < n_seg; s++) {
        uint64_t sum = 0;
        uint32_t count = 0;
        for (k = seg[s].start; k <= seg[s].end; k++) {
            const hln_node *n = &g->nodes[A[k]];
            uint64_t h = hln__an_mix(hln__an_str_hash(n->op_type) ^ (hln__is_conv(n) ? (uint64_t)hln__conv_kind(an, n) << 56 : 0));
            uint32_t q;
            if (an->flag[A[k]] & HLN__F_SHORT) continue;
            for (q = 0; q < n->n_inputs; q++) {
                int32_t p = hln__an_prod(an, n, q);
                uint64_t in = 0x9e3779b97f4a7c15ULL;   /* from outside the segment, or a shortcut */
                if (!hln__an_is_active(an, n->inputs[q])) continue;
                if (p >= 0 && seg_of[p] == (int32_t)s && !(an->flag[p] & HLN__F_SHORT)) in = nh[p];
                h = hln__an_mix(h * 31 + in + q);
            }
            nh[A[k]] = h;
            sum += hln__an_mix(h);
            count++;
            if (hln__is_compute(an, n)) seg[s].compute = 1;
        }
        seg[s].cls = (uint32_t)(hln__an_mix(sum + count) >> 32);
    }
    /* class ids: equal hashes -> equal id (a small open-addressing table) */
    {
        uint32_t cap = 16;
        uint32_t *slot;
        while (cap < 2 * n_seg) cap <<= 1;
        slot = (uint32_t *)hln__an_arr(an, &an->tmp, cap, sizeof(uint32_t));
        cls_key = (uint64_t *)hln__an_arr(an, &an->tmp, n_seg, sizeof(uint64_t));
        if (an->nomem) return HLN_ERR_NOMEM;
        for (s = 0; s < n_seg; s++) {
            uint64_t key = seg[s].cls;
            uint32_t h = (uint32_t)hln__an_mix(key) & (cap - 1);
            while (slot[h] && cls_key[slot[h] - 1] != key) h = (h + 1) & (cap - 1);
            if (!slot[h]) { cls_key[n_cls] = key; slot[h] = ++n_cls; }
            seg[s].cls = slot[h] - 1;
        }
    }
    /* 3. tandem repeats */
    if (maxp > n_seg / 2) maxp = n_seg / 2;
    cap_runs = n_seg + 16;   /* grown below when more are found (at most n_seg per period) */
    runs = (hln__an_run *)hln__an_arr(an, &an->tmp, cap_runs, sizeof *runs);
    cover = (uint32_t *)hln__an_arr(an, &an->tmp, n_seg, sizeof(uint32_t));
    unit_of = (uint32_t *)hln__an_arr(an, &an->tmp, n_seg, sizeof(uint32_t));
    cls_n = (uint32_t *)hln__an_arr(an, &an->tmp, n_seg, sizeof(uint32_t));
    if (an->nomem) return HLN_ERR_NOMEM;
    for (k = 1; k <= maxp; k++) {
        uint32_t run = 0;
        for (s = 0; s + k <= n_seg; s++) {
            int match = s + k < n_seg && seg[s].cls == seg[s + k].cls;
            if (match) { run++; continue; }
            if (run >= k) {
                uint32_t start = s - run, reps = run / k + 1, j, comp = 0;
                for (j = 0; j < k; j++) comp |= seg[start + j].compute;
                if (comp && n_runs == cap_runs) {
                    hln__an_run *more = (hln__an_run *)hln__an_arr(an, &an->tmp, (uint64_t)cap_runs * 2, sizeof *runs);
                    if (!more) return HLN_ERR_NOMEM;
                    memcpy(more, runs, (size_t)n_runs * sizeof *runs);
                    runs = more;
                    cap_runs *= 2;
                }
                if (comp) { runs[n_runs].period = k; runs[n_runs].start = start; runs[n_runs].reps = reps; n_runs++; }
            }
            run = 0;
        }
    }
    qsort(runs, n_runs, sizeof *runs, hln__an_run_cmp);
    for (s = 0; s < n_seg; s++) cover[s] = UINT32_MAX;
    {
        /* accepted units: block kind = equal class sequence */
        uint32_t n_inst = 0;
        for (i = 0; i < n_runs; i++) {
            const hln__an_run *u = &runs[i];
            uint32_t span = u->period * u->reps, j;
            for (j = 0; j < span && cover[u->start + j] == UINT32_MAX; j++) {}
            if (j < span) continue;
            if ((res = hln__an_instances(an, seg, A, cover, unit_of, cls_n, u->start, u->period, u->reps, &n_inst)) != HLN_OK) return res;
        }
        /* an attention core no repeat holds (a model of one layer, a last layer unlike the
           others): its segment and the uncovered segments with joins around it, up to the next
           core, are one layer */
        for (i = 0; i < r->n_attention; i++) {
            int32_t at = r->attention[i].node;
            if (at >= 0 && (uint32_t)at < an->n && seg_of[at] >= 0) seg[seg_of[at]].core = 1;
        }
        for (i = 0; i < r->n_attention; i++) {
            int32_t at = r->attention[i].node;
            uint32_t lo, hi;
            if (at < 0 || (uint32_t)at >= an->n || seg_of[at] < 0 || cover[seg_of[at]] != UINT32_MAX) continue;
            lo = hi = (uint32_t)seg_of[at];
            while (lo > 0 && cover[lo - 1] == UINT32_MAX && !seg[lo - 1].core && jp[seg[lo - 1].end + 1] > jp[seg[lo - 1].start]) lo--;
            while (hi + 1 < n_seg && cover[hi + 1] == UINT32_MAX && !seg[hi + 1].core && jp[seg[hi + 1].end + 1] > jp[seg[hi + 1].start]) hi++;
            if ((res = hln__an_instances(an, seg, A, cover, unit_of, cls_n, lo, hi - lo + 1, 1, &n_inst)) != HLN_OK) return res;
        }
        r->n_instances = n_inst;
    }
    /* plumbing nodes join the instance of their first consumer */
    for (s = an->n; s-- > 0;) {
        uint32_t ni = g->order[s], o, q;
        const hln_node *n = &g->nodes[ni];
        if (an->act_node[ni]) continue;
        for (o = 0; o < n->n_outputs && r->node_instance[ni] < 0; o++) {
            int32_t v = n->outputs[o];
            if (v < 0 || (uint32_t)v >= an->nv) continue;
            for (q = an->cstart[v]; q < an->cstart[v + 1]; q++)
                if (r->node_instance[an->cons[q]] >= 0) { r->node_instance[ni] = r->node_instance[an->cons[q]]; break; }
        }
    }
    /* per-block figures from its first instance, and its name: the first instances' nodes
       grouped by block (A is free now: it holds them) */
    {
        uint32_t *start = cls_n;   /* free too: n_blocks + 1 <= n_seg entries */
        memset(start, 0, (size_t)n_seg * sizeof(uint32_t));
        for (s = 0; s < an->n; s++) {
            int32_t inst = r->node_instance[g->order[s]];
            if (inst >= 0 && r->blocks[r->instances[inst].block].first_instance == (uint32_t)inst && r->instances[inst].block + 1 < n_seg)
                start[r->instances[inst].block + 1]++;
        }
        for (i = 1; i < n_seg; i++) start[i] += start[i - 1];
        memcpy(unit_of, start, (size_t)n_seg * sizeof(uint32_t));   /* fill cursors */
        for (s = 0; s < an->n; s++) {
            uint32_t ni = g->order[s], b;
            int32_t inst = r->node_instance[ni];
            if (inst < 0) continue;
            b = r->instances[inst].block;
            if (r->blocks[b].first_instance != (uint32_t)inst || b + 1 >= n_seg) continue;
            A[unit_of[b]++] = ni;
            if (!hln__op(&g->nodes[ni], "Constant")) r->blocks[b].ops++;
            r->blocks[b].params = hln__ga_add(r->blocks[b].params, g->nodes[ni].params);
            r->blocks[b].macs = hln__ga_add(r->blocks[b].macs, g->nodes[ni].macs);
        }
        {
            const char **base = (const char **)hln__an_arr(an, &an->tmp, r->n_blocks, sizeof(char *));
            if (!base) return HLN_ERR_NOMEM;
            for (i = 0; i < r->n_blocks; i++) {   /* two kinds with one name: "name (variant 2)" */
                uint32_t j, same = 1;
                base[i] = r->blocks[i].name = hln__an_block_name(an, A + start[i], unit_of[i] - start[i]);
                for (j = 0; j < i; j++) same += strcmp(base[j], base[i]) == 0;
                if (same > 1) r->blocks[i].name = hln__an_str(an, "%s (variant %u)", base[i], same);
            }
        }
    }
    return HLN_OK;
}

/* ---- weight-only models: blocks and attention from tensor names and shapes ---- */
/* What an architecture name (general.architecture / hp.arch) states about its family when the
   tensors cannot: class, position encoding, MLP activation, norm placement. */
typedef struct hln__an_family { const char *arch; uint8_t cls; const char *pe, *mlp, *placement; } hln__an_family;
static const hln__an_family hln__an_families[] = {
    { "llama", HLN_ARCH_DECODER_LLM, "RoPE", "SwiGLU", "pre-norm" }, { "mistral", HLN_ARCH_DECODER_LLM, "RoPE", "SwiGLU", "pre-norm" },
    { "qwen2", HLN_ARCH_DECODER_LLM, "RoPE", "SwiGLU", "pre-norm" }, { "qwen3", HLN_ARCH_DECODER_LLM, "RoPE", "SwiGLU", "pre-norm" },
    { "qwen2moe", HLN_ARCH_MOE_LLM, "RoPE", "SwiGLU", "pre-norm" }, { "phi3", HLN_ARCH_DECODER_LLM, "RoPE", "SwiGLU", "pre-norm" },
    { "gemma", HLN_ARCH_DECODER_LLM, "RoPE", "GeGLU", "pre-norm" }, { "gemma2", HLN_ARCH_DECODER_LLM, "RoPE", "GeGLU", "pre-norm" },
    { "gemma3", HLN_ARCH_DECODER_LLM, "RoPE", "GeGLU", "pre-norm" }, { "deepseek2", HLN_ARCH_MOE_LLM, "RoPE", "SwiGLU", "pre-norm" },
    { "deepseek", HLN_ARCH_DECODER_LLM, "RoPE", "SwiGLU", "pre-norm" }, { "baichuan", HLN_ARCH_DECODER_LLM, "RoPE", "SwiGLU", "pre-norm" },
    { "falcon", HLN_ARCH_DECODER_LLM, "RoPE", "GELU", "pre-norm" }, { "gpt2", HLN_ARCH_DECODER_LLM, "learned", "GELU", "pre-norm" },
    { "starcoder", HLN_ARCH_DECODER_LLM, "learned", "GELU", "pre-norm" }, { "starcoder2", HLN_ARCH_DECODER_LLM, "RoPE", "GELU", "pre-norm" },
    { "bloom", HLN_ARCH_DECODER_LLM, "ALiBi", "GELU", "pre-norm" }, { "mpt", HLN_ARCH_DECODER_LLM, "ALiBi", "GELU", "pre-norm" },
    { "gptneox", HLN_ARCH_DECODER_LLM, "RoPE", "GELU", "pre-norm" }, { "mixtral", HLN_ARCH_MOE_LLM, "RoPE", "SwiGLU", "pre-norm" },
    { "bert", HLN_ARCH_ENCODER, "learned", "GELU", "post-norm" }, { "nomic-bert", HLN_ARCH_ENCODER, "RoPE", "SwiGLU", "post-norm" },
    { "t5", HLN_ARCH_ENCODER_DECODER, "relative", "ReLU", "pre-norm" }, { "t5encoder", HLN_ARCH_ENCODER, "relative", "ReLU", "pre-norm" }
};
static const hln__an_family *hln__an_family_of(const char *arch) {
    size_t k;
    if (!arch) return NULL;
    for (k = 0; k < sizeof hln__an_families / sizeof hln__an_families[0]; k++)
        if (strcmp(arch, hln__an_families[k].arch) == 0) return &hln__an_families[k];
    return NULL;
}
/* A number stored under "<arch>.<key>" (-1 when absent). */
static double hln__an_arch_kv(const hln_model *m, const char *key, double def) {
    char full[160];
    const hln_kv *kv;
    double v;
    if (!m->hp.arch) return def;
    snprintf(full, sizeof full, "%s.%s", m->hp.arch, key);
    kv = hln_model_find_kv(m, full);
    return kv && hln_kv_as_f64(kv, &v) ? v : def;
}

typedef struct hln__an_layer { uint64_t sig, params, macs; uint32_t tensors; int64_t q_rows, k_rows, kv_a_rows; uint8_t norm_bias, gate, router, experts; } hln__an_layer;

static hln_result hln__an_weights_only(hln__an *an) {
    hln_model *m = an->m;
    hln_analysis *r = an->out;
    hln_llm l;
    const hln__an_family *fam = hln__an_family_of(m->hp.arch);
    uint32_t i, n_layers = 0, b;
    hln__an_layer *L;
    int gate = 0, bias_norm = 0, pos_table = 0, router = 0, head = 0, attn = 0;
    if (hln_model_llm(m, &l) != HLN_OK) { an->nomem = 1; return HLN_ERR_NOMEM; }
    for (i = 0; i < m->n_tensors; i++) {
        int64_t layer;
        uint32_t role = hln__role_of(m->tensors[i].name, &layer);
        if (layer >= 0 && layer < 1000000 && (uint32_t)layer + 1 > n_layers) n_layers = (uint32_t)layer + 1;
        if (role == HLN__R_HEAD) head = 1;
        if (role == HLN__R_POS) { pos_table = 1; hln__an_found(an, "position_table", NULL, i, 1); }
        if (role == HLN__R_EMBED) hln__an_found(an, "embedding", hln__an_str(an, "%lld x %lld",
                                                 (long long)(m->tensors[i].n_dims ? m->tensors[i].dims[0] : 0),
                                                 (long long)(m->tensors[i].n_dims > 1 ? m->tensors[i].dims[1] : 0)), i, 1);
    }
    if (n_layers > m->n_tensors) n_layers = m->n_tensors;
    L = (hln__an_layer *)hln__an_arr(an, &an->tmp, n_layers, sizeof *L);
    if (!L) return HLN_ERR_NOMEM;
    for (i = 0; i < n_layers; i++) L[i].q_rows = L[i].k_rows = L[i].kv_a_rows = -1;
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        int64_t layer;
        uint32_t role = hln__role_of(t->name, &layer), d;
        hln__an_layer *y;
        if (layer < 0 || (uint64_t)layer >= n_layers) continue;
        y = &L[layer];
        y->tensors++;
        y->params += t->n_elements;
        if (t->n_dims >= 2) y->macs += role == HLN__R_EXPERT && l.hp.expert_count > 0 && l.hp.expert_used_count > 0
                                           ? t->n_elements / (uint64_t)l.hp.expert_count * (uint64_t)l.hp.expert_used_count : t->n_elements;
        {   /* signature: roles and shapes (whatever the layer index) */
            const char *rest = NULL;
            uint64_t h = hln__an_mix(hln__layer_of(t->name, &rest) >= 0 ? hln__an_str_hash(rest) : 0);
            for (d = 0; d < t->n_dims; d++) h = hln__an_mix(h * 31 + (uint64_t)t->dims[d]);
            y->sig += h;
        }
        if (t->n_dims == 2 && role == HLN__R_Q) y->q_rows = t->dims[0];
        if (t->n_dims == 2 && role == HLN__R_K) y->k_rows = t->dims[0];
        if (t->n_dims == 2 && role == HLN__R_KV_A) y->kv_a_rows = t->dims[0];
        if (role == HLN__R_Q || role == HLN__R_K || role == HLN__R_QKV || role == HLN__R_KV_A) attn = 1;
        if ((role == HLN__R_NORM_ATTN || role == HLN__R_NORM_FFN) && hln__ends(t->name, ".bias")) y->norm_bias = 1;
        if (role == HLN__R_GATE || (role == HLN__R_EXPERT && (hln__has(t->name, "gate") || hln__has(t->name, "w1")))) y->gate = 1;
        if (role == HLN__R_ROUTER) {
            y->router = 1;
            if (layer == 0) hln__an_found(an, "moe_router", NULL, i, 1);
            if (r->moe_experts < 0 && t->n_dims == 2) r->moe_experts = t->dims[0];
        }
        if (role == HLN__R_EXPERT) y->experts = 1;
    }
    for (i = 0; i < n_layers; i++) { gate |= L[i].gate; bias_norm |= L[i].norm_bias; router |= L[i].router; }
    /* blocks: layers with equal signatures */
    for (i = 0; i < n_layers; i++) {
        if (!L[i].tensors) continue;
        for (b = 0; b < r->n_blocks && L[r->instances[r->blocks[b].first_instance].first].sig != L[i].sig; b++) {}
        if (b == r->n_blocks) {
            hln_block *bk;
            if (!r->blocks) {
                r->blocks = (hln_block *)hln__an_arr(an, an->a, n_layers, sizeof(hln_block));
                r->instances = (hln_block_instance *)hln__an_arr(an, an->a, n_layers, sizeof(hln_block_instance));
                if (an->nomem) return HLN_ERR_NOMEM;
            }
            bk = &r->blocks[r->n_blocks++];
            bk->name = attn ? (L[i].router ? "MoE transformer layer" : "transformer layer") : "layer";
            bk->ops = L[i].tensors;
            bk->params = L[i].params;
            bk->macs = L[i].macs;
            bk->first_instance = r->n_instances;
        }
        r->instances[r->n_instances].block = b;
        r->instances[r->n_instances].first = r->instances[r->n_instances].last = i;
        r->n_instances++;
        r->blocks[b].count++;
    }
    /* attention per layer */
    for (i = 0; i < n_layers && attn; i++) {
        hln_attention at;
        if (!L[i].tensors) continue;
        memset(&at, 0, sizeof at);
        at.n_head = l.hp.n_head;
        at.head_dim = l.hp.head_dim;
        at.n_head_kv = l.hp.n_head_kv;
        at.latent = -1;
        at.node = -1;
        at.layer = i;
        at.causal = fam ? fam->cls != HLN_ARCH_ENCODER : 1;
        at.window = (int64_t)hln__an_arch_kv(m, "attention.sliding_window", 0);
        if (at.head_dim > 0 && L[i].k_rows > 0 && L[i].k_rows % at.head_dim == 0) at.n_head_kv = L[i].k_rows / at.head_dim;
        if (L[i].kv_a_rows > 0) at.latent = (int64_t)hln__an_arch_kv(m, "attention.kv_lora_rank", (double)L[i].kv_a_rows);
        hln__an_attention_kind(&at);
        if (at.n_head < 0 && L[i].q_rows > 0 && L[i].k_rows > 0 && L[i].k_rows < L[i].q_rows) {
            /* heads not stated: a K narrower than Q shares KV heads (GQA; MQA is its one-group case) */
            at.kind = "GQA";
            at.kv_saving_vs_mha = 1.0 - (double)L[i].k_rows / (double)L[i].q_rows;
        }
        hln__an_attention_add(an, &at);
        hln__an_found(an, "attention", "from tensor names", i, 1);
    }
    if (attn) {
        r->norm = bias_norm ? "LayerNorm" : "RMSNorm";
        r->norm_placement = fam ? fam->placement : "pre-norm";
        r->mlp = gate ? (fam && strcmp(fam->mlp, "GeGLU") == 0 ? "GeGLU" : "SwiGLU") : fam ? fam->mlp : "plain (activation not stated)";
        r->position_encoding = pos_table ? "learned" : fam ? fam->pe : NULL;
        r->tied_embeddings = !head;
        if (r->position_encoding && strcmp(r->position_encoding, "RoPE") == 0) {
            const hln_kv *kv;
            char key[160];
            r->rope_base = hln__an_arch_kv(m, "rope.freq_base", 0);
            r->rope_scale = hln__an_arch_kv(m, "rope.scaling.factor", 0);
            snprintf(key, sizeof key, "%s.rope.scaling.type", m->hp.arch ? m->hp.arch : "");
            if ((kv = hln_model_find_kv(m, key)) != NULL && kv->type == HLN_KV_STRING)
                r->rope_scaling = hln_arena_strndup(an->a, kv->v.s.ptr, (size_t)kv->v.s.len);
        }
        hln__an_found(an, "mlp", r->mlp, 0, 1);
        hln__an_found(an, "norm", r->norm, 0, 1);
    }
    if (router) { r->moe_top_k = l.hp.expert_used_count; if (l.hp.expert_count > 0) r->moe_experts = l.hp.expert_count; }
    return an->nomem ? HLN_ERR_NOMEM : HLN_OK;
}

/* ---- architecture class ---- */
static void hln__an_count_ops(const hln_graph *g, uint32_t depth, uint32_t *rnn, uint32_t *conv, uint32_t *up, uint32_t *sub_nodes) {
    uint32_t i, a, s;
    if (!g || depth > 8) return;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        if (hln__an_rnn_family(n)) (*rnn)++;
        if (hln__is_conv(n) || hln__op(n, "ConvTranspose")) (*conv)++;
        if (hln__op(n, "Resize") || hln__op(n, "Upsample") || hln__op(n, "ConvTranspose")) (*up)++;
        if (depth) (*sub_nodes)++;
        for (a = 0; a < n->n_attrs; a++)
            if ((n->attrs[a].type == HLN_ATTR_GRAPH || n->attrs[a].type == HLN_ATTR_GRAPHS) && n->attrs[a].graphs)
                for (s = 0; s < n->attrs[a].count; s++) hln__an_count_ops(n->attrs[a].graphs[s], depth + 1, rnn, conv, up, sub_nodes);
    }
}
static void hln__an_classify(hln__an *an) {
    hln_analysis *r = an->out;
    uint32_t i, causal = 0, cross = 0, rnn = 0, conv = 0, up = 0, sub = 0, conv_heads = 0, patch = 0;
    uint32_t n_attn = r->n_attention, unet = hln__an_count(r, "unet_skip"), fpn = hln__an_count(r, "fpn_merge");
    for (i = 0; i < r->n_attention; i++) { causal += r->attention[i].causal == 1; cross += r->attention[i].cross; }
    if (an->g) {
        hln__an_count_ops(an->g, 0, &rnn, &conv, &up, &sub);
        for (i = 0; i < an->g->n_nodes; i++) {   /* patch embedding: a conv whose stride equals its kernel */
            const hln_node *n = &an->g->nodes[i];
            int32_t ks = 0, ss = 0;
            const int64_t *k = hln__ga_attr_ints(n, "kernel_shape", &ks), *st = hln__ga_attr_ints(n, "strides", &ss);
            if (hln__is_conv(n) && k && st && ks == ss && ks >= 1 && k[0] >= 4 && k[0] == st[0]) patch++;
        }
        for (i = 0; i < an->g->n_outputs; i++) {   /* outputs reached from a conv through layout ops only */
            static const char *const layout[] = { "Reshape", "Transpose", "Flatten", "Sigmoid", "Concat", "Softmax", NULL };
            int32_t v = an->g->outputs[i], p = hln__an_back(an, v, layout);
            if (p >= 0 && hln__is_conv(&an->g->nodes[p])) conv_heads++;
        }
    }
    if (hln__an_count(r, "moe_router") && n_attn) {
        r->arch = HLN_ARCH_MOE_LLM;
        hln__an_evidence(an, hln__an_str(an, "a router picks experts (%lld experts, top-%lld)", (long long)r->moe_experts, (long long)r->moe_top_k));
    } else if (n_attn && cross) {
        r->arch = HLN_ARCH_ENCODER_DECODER;
        hln__an_evidence(an, hln__an_str(an, "%u cross-attention blocks read another sequence", cross));
    } else if (n_attn && causal) {
        r->arch = HLN_ARCH_DECODER_LLM;
        hln__an_evidence(an, hln__an_str(an, "%u causal self-attention block%s", causal, causal == 1 ? "" : "s"));
    } else if (n_attn && patch) {
        r->arch = HLN_ARCH_VIT;
        hln__an_evidence(an, "patch embedding: a convolution with stride equal to its kernel before attention");
    } else if (n_attn) {
        const hln__an_family *fam = hln__an_family_of(an->m->hp.arch);
        r->arch = fam && !an->g ? (hln_arch_class)fam->cls : HLN_ARCH_ENCODER;
        hln__an_evidence(an, hln__an_str(an, "%u bidirectional self-attention block%s (no causal mask)", n_attn, n_attn == 1 ? "" : "s"));
    } else if (rnn) {
        r->arch = HLN_ARCH_RNN;
        hln__an_evidence(an, hln__an_str(an, "%u recurrent cell%s (LSTM/GRU/RNN)%s", rnn, rnn == 1 ? "" : "s", sub ? " including subgraphs" : ""));
    } else if (conv && unet >= 2 && hln__an_count(r, "trig_position")) {
        r->arch = HLN_ARCH_UNET;
        hln__an_evidence(an, hln__an_str(an, "%u skip concats join upsampled and earlier feature maps (U-Net)", unet));
        hln__an_evidence(an, "sinusoidal embedding (Sin/Cos) of a timestep input");
    } else if (conv && (conv_heads >= 2 || unet + fpn >= 2)) {
        r->arch = HLN_ARCH_DETECTION;
        if (conv_heads >= 2) hln__an_evidence(an, hln__an_str(an, "%u outputs come straight from convolutions (box/score heads)", conv_heads));
        if (unet + fpn >= 2) hln__an_evidence(an, hln__an_str(an, "%u merges of upsampled and earlier feature maps (feature pyramid / U-Net: dense prediction)", unet + fpn));
    } else if (conv) {
        r->arch = HLN_ARCH_CNN;
        hln__an_evidence(an, hln__an_str(an, "%u convolutions, no attention", conv));
    } else if (!an->g && an->m->hp.arch) {
        const hln__an_family *fam = hln__an_family_of(an->m->hp.arch);
        r->arch = fam ? (hln_arch_class)fam->cls : HLN_ARCH_OTHER;
        hln__an_evidence(an, hln__an_str(an, "architecture name '%s' (no per-layer tensors to read)", an->m->hp.arch));
    } else r->arch = HLN_ARCH_OTHER;
    if (r->arch == HLN_ARCH_DECODER_LLM && hln__an_count(r, "embedding"))
        hln__an_evidence(an, "token embedding table feeds the layers");
    if (hln__an_count(r, "softmax_head"))
        hln__an_evidence(an, "a Softmax over the output is a classifier head, not attention");
    for (i = 0; i < r->n_blocks && r->n_evidence < 8; i++)
        hln__an_evidence(an, hln__an_str(an, "%s x%u", r->blocks[i].name, r->blocks[i].count));
}

/* ---- risks ---- */
typedef struct hln__an_portable { const char *op; const char *runtimes; } hln__an_portable;
static const hln__an_portable hln__an_portability[] = {
    { "If", "TFLite converters, TensorRT (limited), most NPU compilers" }, { "Loop", "TFLite converters, TensorRT (limited), most NPU compilers" },
    { "Scan", "TensorRT, TFLite converters, OpenVINO (partial)" }, { "SequenceConstruct", "TensorRT, TFLite converters, OpenVINO" },
    { "SequenceAt", "TensorRT, TFLite converters, OpenVINO" }, { "SequenceInsert", "TensorRT, TFLite converters, OpenVINO" },
    { "SequenceMap", "TensorRT, TFLite converters, OpenVINO" }, { "SplitToSequence", "TensorRT, TFLite converters" },
    { "ConcatFromSequence", "TensorRT, TFLite converters" }, { "SequenceEmpty", "TensorRT, TFLite converters" },
    { "OptionalGetElement", "TensorRT, TFLite converters, OpenVINO" }, { "OptionalHasElement", "TensorRT, TFLite converters, OpenVINO" },
    { "Optional", "TensorRT, TFLite converters, OpenVINO" }, { "StringNormalizer", "TensorRT, TFLite converters, GPU runtimes" },
    { "NonZero", "TensorRT (data-dependent shape), NPU compilers" }, { "Unique", "TensorRT, NPU compilers" },
    { "BitShift", "TensorRT, TFLite converters" }
};
static const char *hln__an_nm(const char *name) { return name ? name : ""; }   /* TFLite operators have no names */
static void hln__an_risks(hln__an *an, const hln_graph_summary *gs) {
    hln_model *m = an->m;
    hln_graph *g = an->g;
    uint32_t i, k;
    if (g) {
        if (gs && gs->n_unresolved) {
            char list[200];
            size_t o = 0;
            list[0] = 0;
            for (i = 0; i < gs->n_unresolved && o + 40 < sizeof list; i++)
                o += (size_t)snprintf(list + o, sizeof list - o, "%s%.32s", i ? ", " : "", gs->unresolved[i]);
            hln__an_risk(an, "unbound-dim", HLN_SEV_WARN, hln__an_str(an, "inputs: %s", list),
                         "input dimensions are symbolic: memory, MACs and engine builds are lower bounds or need shape profiles",
                         "bind them (--bind name=N) or export with fixed shapes / give TensorRT-style min/opt/max profiles");
        }
        {   /* ops outside common runtime support */
            uint32_t seen[sizeof hln__an_portability / sizeof hln__an_portability[0]], custom = 0, ms = 0;
            int32_t custom_at = -1;
            uint8_t first[256];   /* first letters of the listed ops: most nodes need no search */
            memset(seen, 0, sizeof seen);
            memset(first, 0, sizeof first);
            for (k = 0; k < sizeof hln__an_portability / sizeof hln__an_portability[0]; k++) first[(uint8_t)hln__an_portability[k].op[0]] = 1;
            for (i = 0; i < g->n_nodes; i++) {
                const hln_node *n = &g->nodes[i];
                if (n->domain[0] && strcmp(n->domain, "ai.onnx") != 0) {
                    /* a format's own op vocabulary (TFLite builtins, OpenVINO opsets, TensorRT layers) is
                       what its runtime executes; its custom/extension domains are not */
                    if (strcmp(n->domain, "com.microsoft") == 0) ms++;
                    else if (strcmp(n->domain, "tflite") != 0 && strcmp(n->domain, "openvino") != 0 && strcmp(n->domain, "tensorrt") != 0) {
                        custom++;
                        if (custom_at < 0) custom_at = (int32_t)i;
                    }
                    continue;
                }
                for (k = 0; first[(uint8_t)n->op_type[0]] && k < sizeof hln__an_portability / sizeof hln__an_portability[0]; k++)
                    if (n->op_type[0] == hln__an_portability[k].op[0] && strcmp(n->op_type, hln__an_portability[k].op) == 0) seen[k]++;
            }
            for (k = 0; k < sizeof hln__an_portability / sizeof hln__an_portability[0]; k++)
                if (seen[k])
                    hln__an_risk(an, "op-portability", HLN_SEV_WARN, hln__an_str(an, "%u %s node%s", seen[k], hln__an_portability[k].op, seen[k] > 1 ? "s" : ""),
                                 hln__an_str(an, "%s is not supported (or only partly) by: %s", hln__an_portability[k].op, hln__an_portability[k].runtimes),
                                 "check the target runtime's operator list; unroll or replace control flow / sequences before export");
            if (ms) hln__an_risk(an, "op-portability", HLN_SEV_WARN, hln__an_str(an, "%u com.microsoft nodes", ms),
                                 "contrib ops of the com.microsoft domain run on onnxruntime only",
                                 "export without onnxruntime fusions (standard opset) for other runtimes");
            if (custom) hln__an_risk(an, "custom-op", HLN_SEV_HIGH, hln__an_str(an, "%u nodes, first '%.60s' (%.40s::%.40s)", custom,
                                     hln__an_nm(g->nodes[custom_at].name), g->nodes[custom_at].domain, g->nodes[custom_at].op_type),
                                     "ops of a custom domain need their own kernels: no standard runtime executes them",
                                     "ship the custom-op library with the model or replace the ops with standard ones");
        }
        {   /* deep stacks without norm or residual */
            uint32_t run = 0, best = 0, s, norms = 0;
            for (i = 0; i < an->out->n_patterns; i++) if (strcmp(an->out->patterns[i].kind, "norm") == 0) norms += an->out->patterns[i].count;
            for (s = 0; s < an->n; s++) {
                uint32_t ni = g->order[s];
                if (an->flag[ni] & (HLN__F_NORM | HLN__F_RESID)) run = 0;
                else if (hln__is_compute(an, &g->nodes[ni]) && hln__an_weighted_mm(an, ni) + hln__is_conv(&g->nodes[ni])) { run++; if (run > best) best = run; }
            }
            if (best > an->o.deep_stack)
                hln__an_risk(an, "deep-plain-stack", norms ? HLN_SEV_INFO : HLN_SEV_WARN, hln__an_str(an, "%u weight layers in a row", best),
                             "a long stack with no normalisation or residual connection between layers: activations can drift in range, which hurts fp16 and int8 more than fp32",
                             "check activation ranges on real data before quantizing; calibrate per-channel");
        }
        {   /* fp16 overflow-prone: squares reduced (variance by x*x), exp without max-subtraction */
            uint32_t sq = 0, ex = 0;
            int32_t sq_at = -1, ex_at = -1;
            for (i = 0; i < g->n_nodes; i++) {
                const hln_node *n = &g->nodes[i];
                if ((hln__op(n, "ReduceMean") || hln__op(n, "ReduceSum")) && hln__an_prod(an, n, 0) >= 0) {
                    const hln_node *p = &g->nodes[hln__an_prod(an, n, 0)];
                    if (hln__op(p, "Pow") || (hln__op(p, "Mul") && p->n_inputs == 2 && p->inputs[0] == p->inputs[1])) { sq++; if (sq_at < 0) sq_at = (int32_t)i; }
                }
                if (hln__op(n, "Exp") && an->act_node[i]) {
                    int32_t p = hln__an_prod(an, n, 0);
                    int safe = p >= 0 && hln__op(&g->nodes[p], "Sub") && hln__an_prod(an, &g->nodes[p], 1) >= 0 &&
                               hln__op(&g->nodes[hln__an_prod(an, &g->nodes[p], 1)], "ReduceMax");
                    if (!safe) { ex++; if (ex_at < 0) ex_at = (int32_t)i; }
                }
            }
            if (sq) hln__an_risk(an, "fp16-overflow", HLN_SEV_WARN, hln__an_str(an, "%u squared reductions, first '%.60s'", sq, hln__an_nm(g->nodes[sq_at].name)),
                                 "a variance computed as mean(x^2) overflows fp16 once |x| > 255 (x^2 > 65504)",
                                 "keep normalisation in fp32, or use the fused LayerNormalization/RMSNormalization op");
            if (ex) hln__an_risk(an, "fp16-overflow", HLN_SEV_WARN, hln__an_str(an, "%u Exp nodes, first '%.60s'", ex, hln__an_nm(g->nodes[ex_at].name)),
                                 "exp(x) without subtracting the max overflows fp16 for x > 11",
                                 "subtract ReduceMax first (or use Softmax), or keep this op in fp32");
        }
        {   /* opset */
            const hln_kv *kv = hln_model_find_kv(m, "onnx.opset");
            int64_t op = 0;
            if (kv && hln_kv_as_i64(kv, &op) && (op < 9 || op > 21))
                hln__an_risk(an, "unusual-opset", HLN_SEV_INFO, hln__an_str(an, "opset %lld", (long long)op),
                             op < 9 ? "opsets before 9 use old op semantics (Upsample, BatchNormalization spatial) that converters may drop"
                                    : "opsets after 21 are newer than many deployed runtimes",
                             "re-export or convert with the onnx version converter to an opset between 13 and 21");
        }
        {   /* initializers: shadowing inputs, unused; dead nodes */
            uint32_t shadow = 0, unused = 0, dead = 0;
            int32_t shadow_at = -1, unused_at = -1, dead_at = -1;
            uint8_t *is_out = (uint8_t *)hln__an_arr(an, &an->tmp, an->nv, 1);
            if (!is_out) return;
            for (i = 0; i < g->n_outputs; i++) if (g->outputs[i] >= 0 && (uint32_t)g->outputs[i] < an->nv) is_out[g->outputs[i]] = 1;
            for (i = 0; i < g->n_inputs; i++) {
                const hln_value *v = hln__an_val(an, g->inputs[i]);
                if (v && v->tensor >= 0) { shadow++; if (shadow_at < 0) shadow_at = g->inputs[i]; }
            }
            for (i = 0; i < an->nv; i++) {   /* block-wise scale / zero-point tensors are read through the quantization */
                const hln_value_info *qi = g->values[i].info;
                if (!qi || !qi->block_size) continue;
                if (qi->block_scales >= 0 && (uint32_t)qi->block_scales < an->nv) is_out[qi->block_scales] |= 2;
                if (qi->block_zero_points >= 0 && (uint32_t)qi->block_zero_points < an->nv) is_out[qi->block_zero_points] |= 2;
            }
            for (i = 0; i < an->n; i++) {   /* values that subgraphs capture are read too */
                const hln_node *n = &g->nodes[i];
                uint32_t a, sg, v;
                for (a = 0; a < n->n_attrs; a++)
                    if ((n->attrs[a].type == HLN_ATTR_GRAPH || n->attrs[a].type == HLN_ATTR_GRAPHS) && n->attrs[a].graphs)
                        for (sg = 0; sg < n->attrs[a].count; sg++)
                            for (v = 0; n->attrs[a].graphs[sg] && v < n->attrs[a].graphs[sg]->n_values; v++) {
                                int32_t o = n->attrs[a].graphs[sg]->values[v].outer;
                                if (o >= 0 && (uint32_t)o < an->nv) is_out[o] |= 2;
                            }
            }
            for (i = 0; i < an->nv; i++) {
                const hln_value *v = &g->values[i];
                if (v->tensor >= 0 && v->producer < 0 && !hln__an_uses(an, (int32_t)i) && !is_out[i] &&
                    (uint32_t)v->tensor < m->n_tensors && !(m->tensors[v->tensor].flags & HLN__AN_NOT_WEIGHT)) {
                    uint32_t q;
                    int in_input = 0;
                    for (q = 0; q < g->n_inputs; q++) if (g->inputs[q] == (int32_t)i) in_input = 1;
                    if (!in_input) { unused++; if (unused_at < 0) unused_at = (int32_t)i; }
                }
            }
            for (i = 0; i < g->n_nodes; i++) {
                const hln_node *n = &g->nodes[i];
                uint32_t o, used = 0;
                for (o = 0; o < n->n_outputs; o++)
                    if (n->outputs[o] >= 0 && (uint32_t)n->outputs[o] < an->nv && (hln__an_uses(an, n->outputs[o]) || is_out[n->outputs[o]])) used = 1;
                if (!used && n->n_outputs) { dead++; if (dead_at < 0) dead_at = (int32_t)i; }
            }
            if (shadow) hln__an_risk(an, "initializer-shadows-input", HLN_SEV_WARN,
                                     hln__an_str(an, "%u inputs, first '%.60s'", shadow, hln__an_nm(g->values[shadow_at].name)),
                                     "graph inputs that are also initializers: a runtime may take the caller's value or the stored one, and constant folding is blocked",
                                     "remove them from the graph inputs (ONNX IR >= 4; TFLite: an input tensor without a data buffer) unless callers must override them");
            if (unused) hln__an_risk(an, "unused-initializer", HLN_SEV_INFO, hln__an_str(an, "%u initializers, first '%.60s'", unused, hln__an_nm(g->values[unused_at].name)),
                                     "initializers no node reads: bytes on disk and in memory for nothing",
                                     "drop them (onnx-simplifier, or onnx.helper removing unused initializers)");
            if (dead) hln__an_risk(an, "dead-node", HLN_SEV_INFO, hln__an_str(an, "%u nodes, first '%.60s' (%.40s)", dead, hln__an_nm(g->nodes[dead_at].name), g->nodes[dead_at].op_type),
                                   "nodes whose outputs nobody reads and that are not graph outputs",
                                   "remove them (onnx-simplifier / dead-code elimination) before deployment");
        }
    }
    {   /* embeddings large next to the body */
        uint64_t emb = 0, total = 0;
        for (i = 0; i < m->n_tensors; i++) {
            int64_t layer;
            uint32_t role = hln__role_of(m->tensors[i].name, &layer);
            if (m->tensors[i].flags & HLN__AN_NOT_WEIGHT) continue;
            total += m->tensors[i].n_elements;
            if (role == HLN__R_EMBED || role == HLN__R_HEAD) emb += m->tensors[i].n_elements;
        }
        for (i = 0; i < an->out->n_patterns && !emb; i++)
            if (strcmp(an->out->patterns[i].kind, "embedding") == 0 && !an->out->patterns[i].where_tensors && g)
                for (k = 0; k < an->out->patterns[i].n_where; k++) {
                    int32_t w = hln__an_weight(an, &g->nodes[an->out->patterns[i].where[k]], 0);
                    if (w >= 0) emb += m->tensors[w].n_elements;
                }
        if (total && (double)emb > an->o.embedding_share * (double)total)
            hln__an_risk(an, "embedding-heavy", HLN_SEV_INFO, hln__an_str(an, "%.0f%% of the parameters", 100.0 * (double)emb / (double)total),
                         "embedding and output tables dominate the parameters: quantizing the body saves little, and the tables are the layers most sensitive to low bits",
                         "keep the tables at 8 bits or more; consider tying input and output embeddings or a smaller vocabulary");
    }
    if (g && gs && gs->activation_peak_bytes) {
        uint64_t wb = 0;
        for (i = 0; i < m->n_tensors; i++) if (!(m->tensors[i].flags & (HLN_TENSOR_ATTRIBUTE | HLN_TENSOR_SPARSE))) wb += m->tensors[i].n_bytes;
        if (wb && (double)gs->activation_peak_bytes > an->o.activation_ratio * (double)wb)
            hln__an_risk(an, "activation-heavy", HLN_SEV_INFO,
                         hln__an_str(an, "activation peak %.1fx the weight bytes", (double)gs->activation_peak_bytes / (double)wb),
                         "activations, not weights, bound the memory: weight quantization barely changes the footprint",
                         "reduce the input resolution/batch, quantize activations (int8 QDQ), or tile the early high-resolution layers");
    }
}

/* ---- layer kinds, quantization, lint ---- */
static double hln__an_bits(hln_dtype t) {
    const hln_dtype_info *d = hln_dtype_get(t);
    return d->block_size ? 8.0 * (double)d->type_size / (double)d->block_size : 0;
}
static void hln__an_kind_add(hln_kind_stat *k, const hln_tensor *t, hln_dtype *best_dtype, uint64_t *best_bytes, uint64_t *dtype_bytes) {
    k->params += t->n_elements;
    k->bytes += t->n_bytes;
    dtype_bytes[t->dtype] += t->n_bytes;
    if (dtype_bytes[t->dtype] > *best_bytes) { *best_bytes = dtype_bytes[t->dtype]; *best_dtype = t->dtype; }
}
/* Per-kind params/bytes/dtype (tensors) and MACs/FLOPs (graph nodes). */
static void hln__an_kinds(hln__an *an) {
    hln_model *m = an->m;
    hln_analysis *r = an->out;
    uint64_t *dtb = (uint64_t *)hln__an_arr(an, &an->tmp, (uint64_t)HLN_LAYER_KINDS * HLN_DTYPE_COUNT, sizeof(uint64_t));
    uint64_t best[HLN_LAYER_KINDS];
    uint8_t *tkind = (uint8_t *)hln__an_arr(an, &an->tmp, m->n_tensors, 1);
    uint32_t i, k;
    if (!dtb || !tkind) return;
    memset(best, 0, sizeof best);
    for (k = 0; k < HLN_LAYER_KINDS; k++) r->by_kind[k].dtype = HLN_DTYPE_UNKNOWN;
    for (i = 0; i < m->n_tensors; i++) {
        int64_t layer;
        tkind[i] = (uint8_t)hln__role_kind(hln__role_of(m->tensors[i].name, &layer));
    }
    if (an->g) {
        hln_graph *g = an->g;
        r->node_kind = (uint8_t *)hln__an_arr(an, an->a, an->n, 1);
        if (!r->node_kind) return;
        for (i = 0; i < an->n; i++) {
            const hln_node *n = &g->nodes[i];
            uint16_t f = an->flag[i];
            uint32_t kind = f & HLN__F_ATTN ? HLN__K_ATTN : f & HLN__F_HEAD ? HLN__K_HEAD : f & HLN__F_EMBED ? HLN__K_EMBED
                          : f & HLN__F_MLP ? HLN__K_MLP : f & HLN__F_NORM ? HLN__K_NORM : hln__is_conv(n) || hln__op(n, "ConvTranspose") ? HLN__K_CONV : HLN__K_OTHER;
            if (kind == HLN__K_OTHER && hln__an_weighted_mm(an, i) && r->n_attention) kind = HLN__K_ATTN;   /* q/k/v/o projections */
            r->node_kind[i] = (uint8_t)kind;
            r->by_kind[kind].macs = hln__ga_add(r->by_kind[kind].macs, n->macs);
            r->by_kind[kind].flops = hln__ga_add(r->by_kind[kind].flops, n->flops);
            for (k = 0; k < n->n_inputs; k++) {
                int32_t w = hln__an_weight(an, n, k);
                if (w >= 0 && !(m->tensors[w].flags & HLN__AN_NOT_WEIGHT) && tkind[w] != 0xff) {
                    hln__an_kind_add(&r->by_kind[kind], &m->tensors[w], &r->by_kind[kind].dtype, &best[kind], dtb + (size_t)kind * HLN_DTYPE_COUNT);
                    tkind[w] = 0xff;   /* counted once */
                }
            }
        }
    } else {
        for (i = 0; i < m->n_tensors; i++) {
            k = tkind[i];
            hln__an_kind_add(&r->by_kind[k], &m->tensors[i], &r->by_kind[k].dtype, &best[k], dtb + (size_t)k * HLN_DTYPE_COUNT);
            if (m->tensors[i].n_dims >= 2) r->by_kind[k].macs += m->tensors[i].n_elements;   /* per token */
        }
    }
    for (k = 0; k < HLN_LAYER_KINDS; k++) {
        r->by_kind[k].bits = r->by_kind[k].params ? 8.0 * (double)r->by_kind[k].bytes / (double)r->by_kind[k].params : 0;
        r->quant.by_layer_kind[k] = r->by_kind[k];
    }
}

static int hln__an_low_bits(hln_dtype t) { double b = hln__an_bits(t); return b > 0 && b <= 4.6; }

/* Declared quantization (hln_value_info: TFLite tensors carry their scales): an integer value
   with at least one scale, or a block size. */
static const hln_value_info *hln__an_qinfo(const hln__an *an, int32_t v) {
    const hln_value *x = hln__an_val(an, v);
    if (!x || !x->info || !(x->info->n_scales || x->info->block_size) || hln_dtype_get(x->dtype)->kind != HLN_KIND_INT) return NULL;
    return x->info;
}
/* The one scale of a per-tensor quantized value (declared, or its DequantizeLinear's), else 0. */
static double hln__an_scale1(const hln__an *an, const hln_node *n, uint32_t k) {
    const hln_value_info *qi = k < n->n_inputs ? hln__an_qinfo(an, n->inputs[k]) : NULL;
    int32_t p = hln__an_prod(an, n, k), st;
    double sc = 0;
    if (qi) {
        float f;
        uint32_t u = qi->n_scales == 1 && qi->scales ? (uint32_t)hln__load_uint(qi->scales, 4, 0) : 0;
        memcpy(&f, &u, sizeof f);
        return f > 0 && f < 3.0e38f ? (double)f : 0;
    }
    if (p < 0 || !hln__op(&an->g->nodes[p], "DequantizeLinear") || hln__an_weight(an, &an->g->nodes[p], 0) >= 0) return 0;
    st = hln__an_weight(an, &an->g->nodes[p], 1);
    if (st < 0 || an->m->tensors[st].n_elements != 1 || !hln__an_elem(&an->m->tensors[st], an->m->big_endian, 0, 0, &sc) || !(sc > 0)) return 0;
    return sc;
}
/* TFLite builtins the quantization rules name (DESIGN's one format-vocabulary exception here):
   joins and depthwise convs; every other rule reads value info, dtypes and MACs. */
static void hln__an_dw_per_tensor(hln__an *an, const char *where, const char *axis) {
    hln__an_deduct(an, "depthwise-per-tensor", 10, hln__an_str(an, "'%.60s'", hln__an_nm(where)),
                   "a depthwise conv with one scale for all channels: channel ranges differ widely and small channels quantize to zero",
                   hln__an_str(an, "quantize depthwise weights per channel (%s)", axis));
}
static int hln__an_tfl(const hln_node *n, const char *op) { return strcmp(n->domain, "tflite") == 0 && strcmp(n->op_type, op) == 0; }
static int hln__an_join(const hln_node *n) {
    return hln__op(n, "Add") || hln__op(n, "Concat") || hln__an_tfl(n, "ADD") || hln__an_tfl(n, "CONCATENATION");
}

/* GPTQ act-order (desc_act): the quantize config says so, or, with read_weights, a g_idx
   (the quantization group of each input channel) that is not non-decreasing: the channels
   were quantized in activation order, so kernels gather them (exllama/Marlin reorder the
   weight at load). Without act-order g_idx[k] = k / group_size. */
static void hln__an_act_order(hln__an *an, hln_quantization *q) {
    const hln_model *m = an->m;
    uint32_t i, read = 0, permuted = 0;
    uint64_t k;
    q->act_order = m->hp.quant_desc_act >= 0 ? (int)m->hp.quant_desc_act : -1;
    if (!an->o.read_weights || m->big_endian) {
        if (q->act_order >= 0) q->detail = q->act_order ? "act-order (desc_act) per the quantize config" : "no act-order (desc_act false) per the quantize config";
        return;
    }
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        int64_t layer;
        if (hln__role_of(t->name, &layer) != HLN__R_GPTQ_GIDX || t->dtype != HLN_DTYPE_I32 || !t->data || t->n_bytes < 4 * t->n_elements) continue;
        read++;
        for (k = 1; k < t->n_elements; k++)
            if ((int32_t)hln__load_uint((const uint8_t *)t->data + 4 * k, 4, 0) < (int32_t)hln__load_uint((const uint8_t *)t->data + 4 * (k - 1), 4, 0)) { permuted++; break; }
    }
    if (!read) return;
    q->act_order = permuted > 0;
    q->detail = permuted ? hln__an_str(an, "act-order: g_idx permutes the input channels in %u of %u layers", permuted, read)
                         : hln__an_str(an, "no act-order: g_idx is in channel order in all %u layers", read);
}

static void hln__an_quant(hln__an *an) {
    hln_model *m = an->m;
    hln_analysis *r = an->out;
    hln_quantization *q = &r->quant;
    uint32_t i, k, gptq = 0, gidx = 0, qzeros = 0, bnb = 0, nf4 = 0, fp8 = 0, fp8_scales = 0, ints = 0, quant = 0;
    uint32_t q_weights = 0, q_acts = 0, q_acts16 = 0, q_actsu8 = 0;   /* declared quantization (value info) */
    uint32_t fp16_loaded = 0;                 /* fp16 weights a one-input op (Dequantize, Cast) widens to fp32 */
    uint64_t int_macs = 0, macs = 0, bytes_by_type[HLN_DTYPE_COUNT];
    uint32_t n_by_type[HLN_DTYPE_COUNT];
    q->score = 100;
    memset(bytes_by_type, 0, sizeof bytes_by_type);
    memset(n_by_type, 0, sizeof n_by_type);
    q->mismatch = (hln_scale_mismatch *)hln__an_arr(an, an->a, an->o.max_where, sizeof(hln_scale_mismatch));
    q->keep = (uint32_t *)hln__an_arr(an, an->a, an->o.max_where, sizeof(uint32_t));
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        int64_t layer;
        uint32_t role = hln__role_of(t->name, &layer);
        int kind = hln_dtype_get(t->dtype)->kind;
        if (t->flags & HLN__AN_NOT_WEIGHT) continue;
        gptq += role == HLN__R_GPTQ_QWEIGHT;
        gidx += role == HLN__R_GPTQ_GIDX;
        qzeros += role == HLN__R_QZEROS;
        bnb += role == HLN__R_BNB;
        if (role == HLN__R_BNB && (hln__has(t->name, "nf4") || hln__has(t->name, "fp4"))) nf4 = hln__has(t->name, "nf4") ? 1 : 2;
        if (t->dtype == HLN_DTYPE_F8_E4M3 || t->dtype == HLN_DTYPE_F8_E5M2 || t->dtype == HLN_DTYPE_F8_E4M3FNUZ || t->dtype == HLN_DTYPE_F8_E5M2FNUZ) fp8++;
        if (hln__ends(t->name, "_scale") || hln__ends(t->name, ".scale_inv") || hln__ends(t->name, "weight_scale")) fp8_scales++;
        if (t->n_dims >= 2) {
            bytes_by_type[t->dtype] += t->n_bytes;
            n_by_type[t->dtype]++;
            if (kind == HLN_KIND_QUANT) { quant++; q->block_wise++; }
            if (kind == HLN_KIND_INT) ints++;
        }
    }
    if (an->g) {
        hln_graph *g = an->g;
        for (i = 0; i < an->nv; i++) {   /* declared quantization: weights by granularity, activations by type */
            const hln_value_info *qi = hln__an_qinfo(an, (int32_t)i);
            if (!qi) continue;
            if (g->values[i].tensor < 0) { q_acts++; q_acts16 += g->values[i].dtype == HLN_DTYPE_I16; q_actsu8 += g->values[i].dtype == HLN_DTYPE_U8; }
            else if (g->values[i].dtype != HLN_DTYPE_I32) {   /* int32 biases are accumulator precision */
                q_weights++;
                if (qi->block_size) q->block_wise++; else if (qi->n_scales > 1) q->per_channel++; else q->per_tensor++;
            }
        }
        for (i = 0; i < an->n; i++) {
            const hln_node *n = &g->nodes[i];
            int isq = hln__op(n, "QuantizeLinear"), isdq = hln__op(n, "DequantizeLinear");
            if (n->n_inputs == 1 && n->n_outputs == 1 && hln__an_val(an, n->inputs[0]) && hln__an_val(an, n->outputs[0]) &&
                hln__an_val(an, n->inputs[0])->tensor >= 0 && hln__an_val(an, n->inputs[0])->dtype == HLN_DTYPE_F16 &&
                hln__an_val(an, n->outputs[0])->dtype == HLN_DTYPE_F32) fp16_loaded++;
            if (an->act_node[i] && n->n_outputs) {   /* declared float <-> integer boundaries */
                int out_q = hln__an_qinfo(an, n->outputs[0]) != NULL, cross = 0;
                const hln_value *ov = hln__an_val(an, n->outputs[0]);
                for (k = 0; k < n->n_inputs && !cross; k++) {
                    const hln_value *iv = hln__an_val(an, n->inputs[k]);
                    int in_q = hln__an_qinfo(an, n->inputs[k]) != NULL;
                    if (!iv || !hln__an_is_active(an, n->inputs[k])) continue;
                    cross = (out_q && !in_q && hln_dtype_get(iv->dtype)->kind == HLN_KIND_FLOAT) ||
                            (in_q && !out_q && ov && hln_dtype_get(ov->dtype)->kind == HLN_KIND_FLOAT);
                }
                q->precision_changes += (uint32_t)cross;
            }
            q->quantize += isq;
            q->dequantize += isdq;
            if (n->domain[0] == 0 && (strncmp(n->op_type, "QLinear", 7) == 0 || strcmp(n->op_type, "ConvInteger") == 0 || strcmp(n->op_type, "MatMulInteger") == 0))
                q->qoperator++;
            if (n->domain[0] && (strcmp(n->op_type, "MatMulNBits") == 0 || strncmp(n->op_type, "QLinear", 7) == 0 || strcmp(n->op_type, "QAttention") == 0)) q->qoperator++;
            if (isdq && n->n_inputs >= 2) {
                const hln_value *x = hln__an_val(an, n->inputs[0]);
                int32_t st = hln__an_weight(an, n, 1);
                if (x && x->tensor >= 0) {   /* a weight: granularity from the scale */
                    if (hln__ga_attr_i(n, "block_size", 0) > 0) q->block_wise++;
                    else if (st >= 0 && m->tensors[st].n_elements > 1) q->per_channel++;
                    else q->per_tensor++;
                } else q->precision_changes++;
            }
            if (isq) q->precision_changes++;
            if ((hln__op(n, "QLinearConv") || hln__op(n, "QLinearMatMul")) && n->n_inputs >= 5 && hln__an_weight(an, n, 3) >= 0) {
                int32_t st = hln__an_weight(an, n, 4);   /* w_scale: one per output channel, or one */
                if (st >= 0 && m->tensors[st].n_elements > 1) q->per_channel++;
                else {
                    q->per_tensor++;
                    if (hln__op(n, "QLinearConv") && hln__conv_kind(an, n) == 'd')
                        hln__an_dw_per_tensor(an, n->name, "w_scale with one entry per output channel");
                }
            }
            if (hln__is_compute(an, n)) {
                int integer = (q->qoperator && (strncmp(n->op_type, "QLinear", 7) == 0 || strstr(n->op_type, "Integer") || strcmp(n->op_type, "MatMulNBits") == 0)) ||
                              (n->n_inputs >= 2 && hln__an_qinfo(an, n->inputs[0]) && hln__an_qinfo(an, n->inputs[1]));   /* declared integer data and weight */
                int dq_in = 0;
                for (k = 0; k < n->n_inputs && k < 2; k++) {
                    int32_t p = hln__an_prod(an, n, k);
                    if (p >= 0 && hln__op(&g->nodes[p], "DequantizeLinear")) dq_in++;
                }
                macs = hln__ga_add(macs, n->macs);
                if (integer || dq_in >= 2) int_macs = hln__ga_add(int_macs, n->macs);
                if (q->dequantize && !integer && dq_in < 2 && n->macs) {
                    hln__an_deduct(an, "qdq-missing", 5, hln__an_str(an, "'%.60s' (%s)", hln__an_nm(n->name), n->op_type),
                                   hln__an_str(an, "%u of its inputs come through DequantizeLinear: the runtime cannot fuse it into an integer kernel and runs it in float", dq_in),
                                   "quantize both the activation and the weight input (QDQ pairs on each) so the runtime fuses Conv/MatMul/Gemm into int8");
                }
            }
            if (hln__an_join(n) && n->n_inputs >= 2) {   /* input scales at joins */
                double lo = 0, hi = 0;
                uint32_t seen = 0;
                for (k = 0; k < n->n_inputs; k++) {
                    double sc = hln__an_is_active(an, n->inputs[k]) ? hln__an_scale1(an, n, k) : 0;
                    if (!(sc > 0)) continue;
                    if (!seen++) lo = hi = sc;
                    if (sc < lo) lo = sc;
                    if (sc > hi) hi = sc;
                }
                if (seen >= 2 && hi / lo > an->o.scale_ratio) {
                    if (q->mismatch && q->n_mismatch < an->o.max_where) { q->mismatch[q->n_mismatch].node = (int32_t)i; q->mismatch[q->n_mismatch].ratio = hi / lo; q->n_mismatch++; }
                    hln__an_deduct(an, "scale-mismatch", 5, hln__an_str(an, "'%.60s' (%s)", hln__an_nm(n->name), n->op_type),
                                   hln__an_str(an, "its quantized inputs have scales %.3gx apart: the runtime requantizes one side and loses its low bits", hi / lo),
                                   "calibrate the branches together (shared scale at the join) or keep the join in higher precision");
                }
            }
            if (isdq && n->n_inputs >= 2 && hln__an_val(an, n->inputs[0]) && hln__an_val(an, n->inputs[0])->tensor >= 0) {
                int32_t v = n->n_outputs ? n->outputs[0] : -1, st = hln__an_weight(an, n, 1);
                uint32_t c;
                for (c = v >= 0 && (uint32_t)v < an->nv ? an->cstart[v] : 0; v >= 0 && (uint32_t)v < an->nv && c < an->cstart[v + 1]; c++)
                    if (hln__is_conv(&g->nodes[an->cons[c]]) && hln__conv_kind(an, &g->nodes[an->cons[c]]) == 'd' && st >= 0 && m->tensors[st].n_elements == 1)
                        hln__an_dw_per_tensor(an, g->nodes[an->cons[c]].name, "axis 0");
            }
            if (hln__an_tfl(n, "DEPTHWISE_CONV_2D") && n->n_inputs >= 2 && hln__an_qinfo(an, n->inputs[1]) &&
                hln__an_qinfo(an, n->inputs[1])->n_scales == 1)
                hln__an_dw_per_tensor(an, g->values[n->inputs[1]].name, "quantized_dimension 3");
        }
        q->int_mac_share = macs ? (double)int_macs / (double)macs : 0;
        if (q->quantize + q->dequantize + q_acts > 0 && q->precision_changes > 2) {
            uint32_t compute = 0;
            for (i = 0; i < an->n; i++) compute += hln__is_compute(an, &g->nodes[i]) && g->nodes[i].macs;
            if (compute && q->precision_changes > 2 * compute)
                hln__an_deduct(an, "precision-churn", 10, hln__an_str(an, "%u float/int boundaries for %u compute ops", q->precision_changes, compute),
                               "precision changes more often than every compute op: each boundary is a requantize/dequantize the runtime must execute",
                               "quantize whole chains (Conv-Relu-Conv) so Q/DQ pairs sit only at the edges of the integer region");
        }
    }
    /* the scheme */
    if (gptq) q->scheme = gidx ? "gptq" : qzeros ? "awq" : "gptq-like packed int4";
    q->act_order = -1;
    if (gptq && gidx) hln__an_act_order(an, q);
    else if (bnb) q->scheme = nf4 == 1 ? "bitsandbytes nf4" : nf4 == 2 ? "bitsandbytes fp4" : "bitsandbytes int8";
    else if (q->qoperator) q->scheme = "qoperator";
    else if (q->dequantize || q->quantize) q->scheme = "qdq";
    else if (q_acts)   /* by the activations' main type (int8 LSTMs keep int16 cell states) */
        q->scheme = 2 * q_acts16 > q_acts ? "full-integer int16x8" : 2 * q_actsu8 > q_acts ? "full-integer uint8" : "full-integer int8";
    else if (q_weights) q->scheme = q->block_wise == q_weights ? "block-wise integer weights" : "dynamic-range int8";
    else if (fp8) q->scheme = fp8_scales ? "fp8 with scales" : "fp8";
    else if (quant) {
        hln_dtype main_t = HLN_DTYPE_UNKNOWN, second = HLN_DTYPE_UNKNOWN;
        for (k = 0; k < HLN_DTYPE_COUNT; k++) {
            if (hln_dtype_get((hln_dtype)k)->kind != HLN_KIND_QUANT) continue;
            if (main_t == HLN_DTYPE_UNKNOWN || bytes_by_type[k] > bytes_by_type[main_t]) { second = main_t; main_t = (hln_dtype)k; }
            else if (bytes_by_type[k] && (second == HLN_DTYPE_UNKNOWN || bytes_by_type[k] > bytes_by_type[second])) second = (hln_dtype)k;
        }
        if (second != HLN_DTYPE_UNKNOWN && !bytes_by_type[second]) second = HLN_DTYPE_UNKNOWN;
        if ((main_t == HLN_DTYPE_Q4_K || main_t == HLN_DTYPE_Q5_K || main_t == HLN_DTYPE_Q3_K) && second == HLN_DTYPE_Q6_K && n_by_type[second] > 1)
            q->scheme = hln__an_str(an, "gguf %s_M-like mix", hln_dtype_get(main_t)->name);
        else if (main_t == HLN_DTYPE_Q4_K || main_t == HLN_DTYPE_Q5_K || main_t == HLN_DTYPE_Q3_K)
            q->scheme = hln__an_str(an, "gguf %s_S-like", hln_dtype_get(main_t)->name);
        else q->scheme = hln__an_str(an, "gguf %s", hln_dtype_get(main_t)->name);
        q->detail = second != HLN_DTYPE_UNKNOWN ? hln__an_str(an, "%s on %u matrices, %s on %u", hln_dtype_get(main_t)->name, n_by_type[main_t],
                                                               hln_dtype_get(second)->name, n_by_type[second]) : NULL;
    } else if (ints && !an->g) q->scheme = "integer weights";
    else if (fp16_loaded) {
        q->scheme = "fp16 weights";
        q->detail = hln__an_str(an, "%u fp16 weights widened to fp32 at load: half the bytes on disk, float arithmetic", fp16_loaded);
    } else q->scheme = "none";
    if (q_weights + q_acts)
        q->detail = hln__an_str(an, "%u quantized weights (%u per-channel, %u per-tensor, %u block-wise), %u quantized activations",
                                q_weights, q->per_channel, q->per_tensor, q->block_wise, q_acts);
    if (!an->g) {   /* weight-only: the share of matrix weights stored quantized */
        uint64_t all = 0, low = 0;
        for (k = 0; k < HLN_DTYPE_COUNT; k++) {
            all += bytes_by_type[k];
            if (hln_dtype_get((hln_dtype)k)->kind == HLN_KIND_QUANT) low += bytes_by_type[k];
        }
        q->int_mac_share = all ? (double)low / (double)all : 0;
    }
    /* sensitive layers in low bits; the list to keep at higher precision */
    {
        int32_t first_conv = -1;
        if (an->g) for (i = 0; i < an->n && first_conv < 0; i++) if (hln__is_conv(&an->g->nodes[an->g->order[i]])) first_conv = hln__an_weight(an, &an->g->nodes[an->g->order[i]], 1);
        for (i = 0; i < m->n_tensors; i++) {
            const hln_tensor *t = &m->tensors[i];
            int64_t layer;
            uint32_t role = hln__role_of(t->name, &layer);
            int sensitive = role == HLN__R_EMBED || role == HLN__R_HEAD || role == HLN__R_ROUTER || role == HLN__R_NORM_OUT ||
                            role == HLN__R_NORM_ATTN || role == HLN__R_NORM_FFN || (int32_t)i == first_conv;
            if (!sensitive) continue;
            if (q->keep && q->n_keep < an->o.max_where) q->keep[q->n_keep++] = i;
            if (hln__an_low_bits(t->dtype))
                hln__an_deduct(an, "sensitive-low-bits", 10, hln__an_str(an, "'%.60s' (%s)", t->name, hln_dtype_get(t->dtype)->name),
                               hln__an_str(an, "%s layers lose the most accuracy at %.1f bits per weight",
                                           role == HLN__R_EMBED ? "embedding" : role == HLN__R_HEAD ? "output head" : role == HLN__R_ROUTER ? "MoE router" :
                                           (int32_t)i == first_conv ? "first conv" : "norm", hln__an_bits(t->dtype)),
                               "keep this tensor at 6 bits or more (Q6_K/Q8_0, int8) while the body stays low-bit");
        }
    }
    if (q->score < 0) q->score = 0;
}

/* ---- efficiency, critical path, memory timeline ---- */
static uint64_t hln__an_node_bytes(const hln__an *an, const hln_node *n, int inputs) {
    uint64_t b = 0;
    uint32_t k;
    for (k = 0; k < n->n_outputs; k++) { const hln_value *v = hln__an_val(an, n->outputs[k]); if (v) b = hln__ga_add(b, v->bytes); }
    for (k = 0; inputs && k < n->n_inputs; k++) {
        const hln_value *v = hln__an_val(an, n->inputs[k]);
        if (!v) continue;
        if (v->tensor >= 0 && (uint32_t)v->tensor < an->m->n_tensors) b = hln__ga_add(b, an->m->tensors[v->tensor].n_bytes);
        else b = hln__ga_add(b, v->bytes);
    }
    return b;
}
/* An activation's live range in order positions [from, to): from its producer (inputs: the
   start) to its last reader (graph outputs: the end). 0 for weights and values never live. */
static int hln__an_live(const hln__an *an, const uint8_t *is_out, uint32_t vi, uint32_t *from, uint32_t *to) {
    const hln_value *v = &an->g->values[vi];
    uint32_t q;
    *to = 0;
    if (v->tensor >= 0 || !v->bytes || v->outer >= 0) return 0;
    if (v->producer >= 0 && (uint32_t)v->producer < an->n) *from = an->pos[v->producer];
    else if (hln__an_uses(an, (int32_t)vi)) *from = 0;
    else return 0;
    for (q = an->cstart[vi]; q < an->cstart[vi + 1]; q++) if (an->pos[an->cons[q]] > *to) *to = an->pos[an->cons[q]];
    if (is_out[vi]) *to = an->n;
    return *to > *from;
}
static hln_result hln__an_structure(hln__an *an, const hln_graph_summary *gs) {
    hln_graph *g = an->g;
    hln_analysis *r = an->out;
    uint64_t *best_m = (uint64_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(uint64_t));
    uint64_t *best_b = (uint64_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(uint64_t));
    int32_t *pred = (int32_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(int32_t));
    int64_t *diff = (int64_t *)hln__an_arr(an, &an->tmp, (uint64_t)an->n + 1, sizeof(int64_t));
    uint32_t *depth = (uint32_t *)hln__an_arr(an, &an->tmp, an->n, sizeof(uint32_t));
    uint64_t end_m = 0, end_b = 0, live = 0, all_bytes;
    int32_t end = -1;
    uint32_t s, k, i;
    r->node_intensity = (double *)hln__an_arr(an, an->a, an->n, sizeof(double));
    r->timeline = (uint64_t *)hln__an_arr(an, an->a, an->n, sizeof(uint64_t));
    if (an->nomem) return HLN_ERR_NOMEM;
    for (s = 0; s < an->n; s++) {
        uint32_t ni = g->order[s];
        const hln_node *n = &g->nodes[ni];
        uint64_t moved = hln__an_node_bytes(an, n, 1), pm = 0, pb = 0;
        int32_t pick = -1;
        r->node_intensity[ni] = moved ? (double)n->flops / (double)moved : 0;
        for (k = 0; k < n->n_inputs; k++) {
            int32_t p = hln__an_prod(an, n, k);
            if (p < 0) continue;
            if (pick < 0 || best_m[p] > pm || (best_m[p] == pm && depth[p] > depth[pick])) { pm = best_m[p]; pick = p; }
            if (best_b[p] > pb) pb = best_b[p];
        }
        best_m[ni] = hln__ga_add(pm, n->macs);
        best_b[ni] = hln__ga_add(pb, hln__an_node_bytes(an, n, 0));
        pred[ni] = pick;
        depth[ni] = pick >= 0 ? depth[pick] + 1 : 1;
        if (end < 0 || best_m[ni] > end_m || (best_m[ni] == end_m && depth[ni] > depth[end])) { end_m = best_m[ni]; end = (int32_t)ni; }
        if (best_b[ni] > end_b) end_b = best_b[ni];
    }
    {   /* the path, outputs first, then reversed */
        uint32_t n_path = 0;
        int32_t c;
        for (c = end; c >= 0 && n_path < an->n; c = pred[c]) n_path++;
        r->critical = (uint32_t *)hln__an_arr(an, an->a, n_path, sizeof(uint32_t));
        if (!r->critical) return HLN_ERR_NOMEM;
        for (c = end, k = n_path; c >= 0 && k > 0; c = pred[c]) r->critical[--k] = (uint32_t)c;
        r->n_critical = n_path;
        r->critical_macs_share = g->macs ? (double)end_m / (double)g->macs : 0;
        all_bytes = 0;
        for (i = 0; i < an->n; i++) all_bytes = hln__ga_add(all_bytes, hln__an_node_bytes(an, &g->nodes[i], 0));
        r->critical_bytes_share = all_bytes ? (double)end_b / (double)all_bytes : 0;
    }
    {   /* live activation bytes after each step: inputs from the start, outputs to the end */
        uint8_t *is_out = (uint8_t *)hln__an_arr(an, &an->tmp, an->nv, 1);
        uint32_t n_peak = 0;
        if (!is_out) return HLN_ERR_NOMEM;
        for (i = 0; i < g->n_outputs; i++) if (g->outputs[i] >= 0 && (uint32_t)g->outputs[i] < an->nv) is_out[g->outputs[i]] = 1;
        for (i = 0; i < an->nv; i++) {
            const hln_value *v = &g->values[i];
            uint32_t from, to;
            if (!hln__an_live(an, is_out, i, &from, &to)) continue;
            uint64_t b = v->bytes > (uint64_t)INT64_MAX / 4 ? (uint64_t)INT64_MAX / 4 : v->bytes;
            diff[from] = (int64_t)((uint64_t)diff[from] + b);   /* wrapping: huge bindings must not overflow */
            diff[to] = (int64_t)((uint64_t)diff[to] - b);
        }
        for (s = 0; s < an->n; s++) {
            live += (uint64_t)diff[s];
            r->timeline[s] = live;
            if (live > r->timeline_peak) { r->timeline_peak = live; r->timeline_peak_step = s; }
        }
        r->n_timeline = an->n;
        r->peak_values = (uint32_t *)hln__an_arr(an, an->a, an->o.max_where, sizeof(uint32_t));
        if (!r->peak_values) return HLN_ERR_NOMEM;
        for (i = 0; i < an->nv && n_peak < an->o.max_where; i++) {
            uint32_t from, to;
            if (hln__an_live(an, is_out, i, &from, &to) && from <= r->timeline_peak_step && r->timeline_peak_step < to)
                r->peak_values[n_peak++] = i;
        }
        r->n_peak_values = n_peak;
    }
    {   /* layers: non-Constant nodes; runtimes fold shape plumbing and fuse the groups */
        uint32_t plumbing = 0, saved = 0;
        for (i = 0; i < an->n; i++) {
            if (hln__op(&g->nodes[i], "Constant")) continue;
            r->layers++;
            if (!an->act_node[i]) plumbing++;
        }
        for (i = 0; i < r->n_fusions; i++) saved += r->fusions[i].nodes_fused > r->fusions[i].count ? r->fusions[i].nodes_fused - r->fusions[i].count : 0;
        for (i = 0; i < r->n_fusions; i++) if (strcmp(r->fusions[i].kind, "qdq") == 0) saved += r->fusions[i].count;   /* Q/DQ fold away */
        r->layers_after_fusion = r->layers > plumbing + saved ? r->layers - plumbing - saved : 1;
    }
    if (r->n_blocks) {   /* blocks: FLOPs over bytes moved by the first instance */
        uint64_t *fl = (uint64_t *)hln__an_arr(an, &an->tmp, (uint64_t)r->n_blocks * 2, sizeof(uint64_t));
        if (!fl) return HLN_ERR_NOMEM;
        for (k = 0; k < an->n; k++) {
            int32_t inst = r->node_instance[k];
            uint32_t b;
            if (inst < 0) continue;
            b = r->instances[inst].block;
            if (r->blocks[b].first_instance != (uint32_t)inst) continue;
            fl[2 * b] = hln__ga_add(fl[2 * b], g->nodes[k].flops);
            fl[2 * b + 1] = hln__ga_add(fl[2 * b + 1], hln__an_node_bytes(an, &g->nodes[k], 1));
        }
        for (i = 0; i < r->n_blocks; i++) r->blocks[i].intensity = fl[2 * i + 1] ? (double)fl[2 * i] / (double)fl[2 * i + 1] : 0;
    }
    if (gs) {
        uint64_t bytes = gs->initializer_bytes + gs->constant_bytes + gs->activation_bytes;
        uint64_t params = gs->initializer_params + gs->constant_params;
        r->flops_per_param = params ? (double)g->flops / (double)params : 0;
        r->intensity = bytes ? (double)g->flops / (double)bytes : 0;
    }
    return HLN_OK;
}

/* ---- --weights: sparsity, outlier channels, duplicated bytes (one streamed read) ---- */
#ifdef HAOLINE_KERNELS_H
typedef struct hln__an_sp {
    uint64_t zeros, count, row_len, pos;   /* pos: elements seen */
    uint64_t groups4, ok24, groups8, ok48;
    uint32_t zeros4, zeros8;               /* zeros in the current group */
    float   *row_max;                      /* abs max per row (rows = count / row_len) */
    uint64_t rows;
} hln__an_sp;
static void hln__an_visit_sp(void *u, const float *x, int64_t n) {
    hln__an_sp *s = (hln__an_sp *)u;
    int64_t i;
    for (i = 0; i < n; i++, s->pos++) {
        float v = x[i], a = v < 0 ? -v : v;
        uint64_t col = s->row_len ? s->pos % s->row_len : s->pos;
        if (v == 0) { s->zeros++; s->zeros4++; s->zeros8++; }
        if (col % 4 == 3) { s->groups4++; s->ok24 += s->zeros4 >= 2; s->zeros4 = 0; }
        if (col % 8 == 7) { s->groups8++; s->ok48 += s->zeros8 >= 4; s->zeros8 = 0; }
        if (s->row_max && s->row_len) { uint64_t r = s->pos / s->row_len; if (r < s->rows && a > s->row_max[r]) s->row_max[r] = a; }
    }
    s->count += (uint64_t)n;
}
typedef struct hln__an_dup { uint64_t hash; uint32_t tensor; } hln__an_dup;
static int hln__an_dup_cmp(const void *a, const void *b) {
    const hln__an_dup *x = (const hln__an_dup *)a, *y = (const hln__an_dup *)b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return x->tensor < y->tensor ? -1 : x->tensor > y->tensor;
}
static int hln__an_float_cmp(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}
/* Quantization sensitivity per tensor (the quant-error pass feeding the lint): each float
   matrix (two dims or more above 1, row length a multiple of 32) quantized to Q4_0; a tensor whose SNR is more than
   `sensitive_db` below the median of the model's measured matrices (at least 3; 6 dB: 4x the
   error power of a typical one) is a `quant-sensitive` deduction, and kept at higher
   precision. */
static int hln__an_double_cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}
static hln_result hln__an_sensitivity(hln__an *an) {
    hln_model *m = an->m;
    hln_analysis *r = an->out;
    hln_quantization *q = &r->quant;
    double *sorted, med;
    uint32_t i, k, n = 0;
    hln_error e;
    r->quant_snr_db = (double *)hln__an_arr(an, an->a, m->n_tensors, sizeof(double));
    sorted = (double *)hln__an_arr(an, &an->tmp, m->n_tensors, sizeof(double));
    if (an->nomem) return HLN_ERR_NOMEM;
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_k_error ke;
        uint32_t d, wide = 0;   /* a matrix: two dims or more above 1 */
        for (d = 0; d < t->n_dims; d++) wide += t->dims[d] > 1;
        if (t->flags & HLN__AN_NOT_WEIGHT || !t->data || wide < 2 || t->dims[t->n_dims - 1] % 32 ||
            hln_dtype_get(t->dtype)->kind != HLN_KIND_FLOAT) continue;
        if (hln_tensor_quant_error(m, i, HLN_K_Q4_0, &ke, &e) != HLN_OK) {
            if (e.code == HLN_ERR_NOMEM) return HLN_ERR_NOMEM;
            continue;
        }
        if (!(ke.snr_db > 0 && ke.snr_db < 1e300)) continue;   /* exact (inf) or no signal */
        r->quant_snr_db[i] = ke.snr_db;
        sorted[n++] = ke.snr_db;
    }
    if (n < 3) return HLN_OK;
    qsort(sorted, n, sizeof *sorted, hln__an_double_cmp);
    med = sorted[n / 2];
    for (i = 0; i < m->n_tensors; i++) {
        double snr = r->quant_snr_db[i];
        int kept = 0;
        if (!(snr > 0) || snr >= med - an->o.sensitive_db) continue;
        hln__an_deduct(an, "quant-sensitive", 5, hln__an_str(an, "'%.60s'", m->tensors[i].name),
                       hln__an_str(an, "at 4 bits (Q4_0) its SNR is %.1f dB, %.1f dB under the model's median %.1f dB: outliers or a wide range make it lose far more than the other layers",
                                   snr, med - snr, med),
                       "keep this tensor at 8 bits (or use per-channel / smaller groups, or an outlier-aware method such as AWQ)");
        for (k = 0; k < q->n_keep; k++) if (q->keep[k] == i) kept = 1;
        if (!kept && q->keep && q->n_keep < an->o.max_where) q->keep[q->n_keep++] = i;
    }
    return HLN_OK;
}
static hln_result hln__an_weights(hln__an *an) {
    hln_model *m = an->m;
    hln_analysis *r = an->out;
    uint64_t *hash = (uint64_t *)hln__an_arr(an, &an->tmp, m->n_tensors, sizeof(uint64_t));
    uint32_t i, j;
    hln_error e;
    r->sparsity = (hln_tensor_sparsity *)hln__an_arr(an, an->a, m->n_tensors, sizeof(hln_tensor_sparsity));
    if (an->nomem) return HLN_ERR_NOMEM;
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln__an_sp sp;
        hln_tensor_sparsity *o = &r->sparsity[i];
        if (t->flags & HLN__AN_NOT_WEIGHT || !t->data || !t->n_elements) continue;
        memset(&sp, 0, sizeof sp);
        if (t->n_dims >= 2 && t->dims[0] > 1) {
            sp.rows = (uint64_t)t->dims[0];
            sp.row_len = t->n_elements / sp.rows;
            if (sp.rows <= (1u << 24)) sp.row_max = (float *)hln_arena_array(&an->tmp, sp.rows, sizeof(float));
        }
        if (hln__tensor_stream(m, i, hln__an_visit_sp, &sp, &e) != HLN_OK) {
            if (e.code == HLN_ERR_NOMEM) return HLN_ERR_NOMEM;
            continue;
        }
        o->zero_share = sp.count ? (double)sp.zeros / (double)sp.count : 0;
        if (o->zero_share < 0.9) {   /* an all-zero tensor is empty, not structured */
            if (sp.row_len % 8 == 0 && sp.groups8 && sp.ok48 == sp.groups8) { o->nm_n = 4; o->nm_m = 8; }
            if (sp.row_len % 4 == 0 && sp.groups4 && sp.ok24 == sp.groups4) { o->nm_n = 2; o->nm_m = 4; }
        }
        if (sp.row_max && sp.rows >= 8) {
            float *sorted = (float *)hln_arena_array(&an->tmp, sp.rows, sizeof(float)), med;
            uint64_t q;
            if (!sorted) return HLN_ERR_NOMEM;
            memcpy(sorted, sp.row_max, (size_t)sp.rows * sizeof(float));
            qsort(sorted, (size_t)sp.rows, sizeof(float), hln__an_float_cmp);
            med = sorted[sp.rows / 2];
            for (q = 0; q < sp.rows; q++) if (med > 0 && sp.row_max[q] > 6.0f * med) o->outlier_channels++;
        }
        if (o->zero_share >= an->o.sparse_share || o->nm_m)
            hln__an_found(an, "sparse_tensor", o->nm_m ? (o->nm_m == 4 ? "2:4" : "4:8") : "unstructured", i, 1);
        if (o->outlier_channels) hln__an_found(an, "outlier_channels", NULL, i, 1);
        if (t->n_bytes >= 1024) hash[i] = 1;   /* a candidate for the duplicate check */
    }
    /* duplicates: hashed (every 8th byte), sorted, equal neighbours confirmed by memcmp */
    {
        hln__an_dup *d = (hln__an_dup *)hln__an_arr(an, &an->tmp, m->n_tensors, sizeof *d);
        uint32_t n_d = 0;
        if (!d) return HLN_ERR_NOMEM;
        for (i = 0; i < m->n_tensors; i++) {
            const hln_tensor *t = &m->tensors[i];
            const uint8_t *p = (const uint8_t *)t->data;
            uint64_t h = 1469598103934665603ULL, k;
            if (!hash[i]) continue;
            for (k = 0; k < t->n_bytes; k += 8) h = (h ^ p[k]) * 1099511628211ULL;
            d[n_d].hash = hln__an_mix(h ^ t->n_bytes);
            d[n_d++].tensor = i;
        }
        qsort(d, n_d, sizeof *d, hln__an_dup_cmp);
        for (i = 1; i < n_d; i++)
            for (j = i; j-- > 0 && d[j].hash == d[i].hash;) {
                const hln_tensor *a = &m->tensors[d[j].tensor], *b = &m->tensors[d[i].tensor];
                if (a->n_bytes == b->n_bytes && memcmp(a->data, b->data, (size_t)a->n_bytes) == 0) {
                    r->n_duplicates++;
                    hln__an_found(an, "duplicate_weights", hln__an_str(an, "same bytes as '%.60s'", a->name), d[i].tensor, 1);
                    break;
                }
            }
    }
    if (r->n_duplicates)
        hln__an_risk(an, "duplicate-weights", HLN_SEV_INFO, hln__an_str(an, "%u tensors", r->n_duplicates),
                     "tensors stored twice with the same bytes: wasted file size and memory",
                     "share one initializer (ONNX) or tie the weights before export");
    return hln__an_sensitivity(an);
}
#endif

/* ---- entry point ---- */
HLN_DEF hln_result hln_model_analyze(hln_model *m, const hln_analysis_options *opt, hln_analysis *out, hln_error *err) {
    hln__an an;
    hln_result r = HLN_OK;
    memset(out, 0, sizeof *out);
    out->moe_experts = out->moe_top_k = -1;
    out->tied_embeddings = -1;
    if (!m) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no model");
    if (m->graph && !m->graph->order) return hln_error_set(err, HLN_ERR_ARG, 0, "", "run hln_graph_analyze before hln_model_analyze");
    memset(&an, 0, sizeof an);
    if (opt) an.o = *opt;
    if (!an.o.max_period) an.o.max_period = 16;
    if (!an.o.max_where) an.o.max_where = 256;
    if (!an.o.max_trace) an.o.max_trace = 12;
    if (!an.o.deep_stack) an.o.deep_stack = 20;
    if (!(an.o.embedding_share > 0)) an.o.embedding_share = 0.5;
    if (!(an.o.activation_ratio > 0)) an.o.activation_ratio = 16;
    if (!(an.o.scale_ratio > 0)) an.o.scale_ratio = 2;
    if (!(an.o.sparse_share > 0)) an.o.sparse_share = 0.5;
    if (!(an.o.sensitive_db > 0)) an.o.sensitive_db = 6;
    an.m = m;
    an.out = out;
    an.err = err;
    an.a = &m->arena;
    an.tmp.allocator = m->arena.allocator;
    an.src = m->graph;
    an.g = m->graph ? hln__an_view(&an, m->graph) : NULL;
    if (m->graph && !an.g) { r = HLN_ERR_NOMEM; goto done; }
    if (an.g) {
        if ((r = hln__an_graph_prep(&an)) != HLN_OK) {
            if (r == HLN_ERR_ARG) { hln_arena_free(&an.tmp); return hln_error_set(err, r, 0, "graph", "the graph has no topological order (a cycle?): hln_graph_analyze must succeed first"); }
            goto done;
        }
        an.norms = (hln__an_norm_rec *)hln__an_arr(&an, &an.tmp, an.n, sizeof(hln__an_norm_rec));
        if (an.nomem) { r = HLN_ERR_NOMEM; goto done; }
        out->node_data = (uint8_t *)hln__an_arr(&an, an.a, an.n, 1);
        if (an.nomem) { r = HLN_ERR_NOMEM; goto done; }
        memcpy(out->node_data, an.act_node, an.n);
        hln__an_patterns(&an);
        hln__an_graph_summary(&an);
        if ((r = hln__an_blocks_graph(&an)) != HLN_OK) goto done;
        {   /* attention entries learn their block instance */
            uint32_t i;
            for (i = 0; i < out->n_attention; i++)
                if (out->attention[i].node >= 0 && out->node_instance[out->attention[i].node] >= 0)
                    out->attention[i].layer = (uint32_t)out->node_instance[out->attention[i].node];
        }
    } else if ((r = hln__an_weights_only(&an)) != HLN_OK) goto done;
    hln__an_risks(&an, an.o.graph);
    hln__an_kinds(&an);
    {   /* quantization and structure read the graph's own ops (TFLite quantization rules) */
        hln_graph *view = an.g;
        an.g = an.src;
        hln__an_quant(&an);
        if (an.g && (r = hln__an_structure(&an, an.o.graph)) != HLN_OK) goto done;
        an.g = view;
    }
#ifdef HAOLINE_KERNELS_H
    if (an.o.read_weights && (r = hln__an_weights(&an)) != HLN_OK) goto done;
#endif
    hln__an_classify(&an);
    if (an.nomem) r = HLN_ERR_NOMEM;
done:
    hln_arena_free(&an.tmp);
    if (r == HLN_ERR_NOMEM) return hln_error_set(err, r, 0, "", "out of memory");
    return r;
}

/* ---- analysis: compare and diff -------------------------------------------------------------
   (declarations and the alignment rules: see "analysis: compare and diff" above) */
HLN_DEF hln_result hln_model_facts_collect(hln_model *m, const hln_binding *bindings, uint32_t n_bindings,
                                           hln_model_facts *out, hln_error *err) {
    memset(out, 0, sizeof *out);
    if (hln_model_summarize(m, &out->summary) != HLN_OK || hln_model_llm(m, &out->llm) != HLN_OK)
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if (m->graph) {
        hln_graph_options go;
        hln_result r;
        memset(&go, 0, sizeof go);
        go.bindings = bindings;
        go.n_bindings = n_bindings;
        r = hln_graph_analyze(m, &go, &out->graph, err);
        if (r != HLN_OK) return r;
        out->has_graph = 1;
    }
    {
        hln_analysis_options ao;
        memset(&ao, 0, sizeof ao);
        ao.graph = out->has_graph ? &out->graph : NULL;
        return hln_model_analyze(m, &ao, &out->analysis, err);
    }
}

/* The one vocabulary of tensor roles: GGUF (llama.cpp) names and the Hugging Face
   (transformers) names converters map to them, after the layer prefix ("blk.N.",
   "model.layers.N.", "transformer.h.N.", ... see hln__layer_of) and before ".weight"/".bias".
   Source: llama.cpp gguf-py/gguf/tensor_mapping.py (TensorNameMap), the table
   convert_hf_to_gguf.py renames with. Rows that share a GGUF name are one role. */
typedef struct hln__name_role_row { const char *gguf, *hf; int per_layer; } hln__name_role_row;
static const hln__name_role_row hln__name_roles[] = {
    { "token_embd", "model.embed_tokens", 0 }, { "token_embd", "transformer.wte", 0 },
    { "token_embd", "transformer.word_embeddings", 0 }, { "token_embd", "gpt_neox.embed_in", 0 },
    { "position_embd", "transformer.wpe", 0 },
    { "output_norm", "model.norm", 0 }, { "output_norm", "transformer.ln_f", 0 },
    { "output_norm", "gpt_neox.final_layer_norm", 0 },
    { "output", "lm_head", 0 }, { "output", "embed_out", 0 },
    { "attn_norm", "input_layernorm", 1 }, { "attn_norm", "ln_1", 1 },
    { "attn_q", "self_attn.q_proj", 1 }, { "attn_k", "self_attn.k_proj", 1 },
    { "attn_v", "self_attn.v_proj", 1 }, { "attn_output", "self_attn.o_proj", 1 },
    { "attn_output", "attn.c_proj", 1 }, { "attn_output", "self_attn.dense", 1 },
    { "attn_qkv", "attn.c_attn", 1 }, { "attn_qkv", "self_attn.qkv_proj", 1 },
    { "attn_qkv", "self_attention.query_key_value", 1 },
    { "attn_q_norm", "self_attn.q_norm", 1 }, { "attn_k_norm", "self_attn.k_norm", 1 },
    { "ffn_norm", "post_attention_layernorm", 1 }, { "ffn_norm", "ln_2", 1 },
    { "ffn_norm", "pre_feedforward_layernorm", 1 },   /* Gemma 2/3: the norm before the MLP ... */
    { "post_attention_norm", "post_attention_layernorm", 1 },   /* ... and after attention (hln__hf_spellings) */
    { "post_ffw_norm", "post_feedforward_layernorm", 1 },
    { "ffn_gate", "mlp.gate_proj", 1 }, { "ffn_up", "mlp.up_proj", 1 }, { "ffn_up", "mlp.c_fc", 1 },
    { "ffn_down", "mlp.down_proj", 1 }, { "ffn_down", "mlp.c_proj", 1 },
    { "ffn_gate_inp", "block_sparse_moe.gate", 1 }, { "ffn_gate_inp", "mlp.gate", 1 },
    { "ffn_up", "mlp.gate_up_proj", 1 },   /* phi3: gate and up fused, kept fused */
    { "ffn_gate_shexp", "mlp.shared_expert.gate_proj", 1 }, { "ffn_up_shexp", "mlp.shared_expert.up_proj", 1 },
    { "ffn_down_shexp", "mlp.shared_expert.down_proj", 1 }, { "ffn_gate_inp_shexp", "mlp.shared_expert_gate", 1 },
};
#define HLN__N_NAME_ROLES (sizeof hln__name_roles / sizeof hln__name_roles[0])

/* The row of a name stem (without layer prefix and suffix), as the index of the first row with
   the same GGUF name; -1 when unknown. */
static int hln__role_of_stem(const char *s, size_t n, int per_layer) {
    size_t k, j;
    for (k = 0; k < HLN__N_NAME_ROLES; k++) {
        const hln__name_role_row *r = &hln__name_roles[k];
        if (r->per_layer != per_layer) continue;
        if ((strlen(r->gguf) == n && memcmp(r->gguf, s, n) == 0) || (strlen(r->hf) == n && memcmp(r->hf, s, n) == 0)) {
            for (j = 0; j < k && strcmp(hln__name_roles[j].gguf, r->gguf) != 0; j++) {}
            return (int)j;
        }
    }
    return -1;
}

HLN_DEF int hln_name_role(const char *name, int64_t *layer, int *role, int *part) {
    const char *rest = name, *dot;
    size_t n;
    *layer = hln__layer_of(name, &rest);
    if (*layer < 0) rest = name;
    n = strlen(rest);
    dot = strrchr(rest, '.');
    *part = 2;
    if (dot && strcmp(dot, ".weight") == 0) { *part = 0; n = (size_t)(dot - rest); }
    else if (dot && strcmp(dot, ".bias") == 0) { *part = 1; n = (size_t)(dot - rest); }
    *role = hln__role_of_stem(rest, n, *layer >= 0);
    return *role >= 0;
}
HLN_DEF const char *hln_name_role_gguf(int role) {
    return role >= 0 && (size_t)role < HLN__N_NAME_ROLES ? hln__name_roles[role].gguf : "";
}

/* ---- hash join ----
   B's items go into an open-addressing table by a 64-bit key hash; each slot keeps the chain of
   B items with that key in file order (next[]), and a lookup takes the chain's first unused
   item. eq(ctx, side, i, k) compares item i of side `side` (0 A, 1 B) with B's item k, which
   settles hash collisions. */
typedef struct hln__join {
    uint64_t *hash;
    int32_t  *rep, *head, *next;
    uint32_t  mask;
    uint64_t  probes;   /* slots looked at */
} hln__join;
typedef int (*hln__join_eq)(const void *ctx, int side, uint32_t i, uint32_t k);

static uint64_t hln__hash_bytes(uint64_t h, const void *p, size_t n) {
    const uint8_t *s = (const uint8_t *)p;
    size_t i;
    for (i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ull; }   /* FNV-1a */
    return h;
}
static uint64_t hln__hash_str(const char *s) { return hln__hash_bytes(14695981039346656037ull, s, s ? strlen(s) : 0); }

static int hln__join_init(hln__join *j, hln_arena *scratch, uint32_t n_b) {
    uint64_t cap = 16;
    while (cap < 2 * (uint64_t)n_b + 2) cap <<= 1;
    j->mask = (uint32_t)(cap - 1);
    j->probes = 0;
    j->hash = (uint64_t *)hln_arena_array(scratch, cap, sizeof(uint64_t));
    j->rep = (int32_t *)hln_arena_array(scratch, cap, sizeof(int32_t));
    j->head = (int32_t *)hln_arena_array(scratch, cap, sizeof(int32_t));
    j->next = (int32_t *)hln_arena_array(scratch, (uint64_t)n_b + 1, sizeof(int32_t));
    if (!j->hash || !j->rep || !j->head || !j->next) return 0;
    memset(j->rep, 0xff, (size_t)cap * sizeof(int32_t));
    return 1;
}
/* The slot of item i of `side`'s key: its own, or the empty slot where it would go. */
static uint32_t hln__join_slot(hln__join *j, uint64_t h, hln__join_eq eq, const void *ctx, int side, uint32_t i) {
    uint32_t s = (uint32_t)h & j->mask;
    j->probes++;
    while (j->rep[s] >= 0 && !(j->hash[s] == h && eq(ctx, side, i, (uint32_t)j->rep[s]))) { s = (s + 1) & j->mask; j->probes++; }
    return s;
}
/* Adds B items in reverse so each chain lists them in file order. */
static void hln__join_add(hln__join *j, uint32_t b_item, uint64_t h, hln__join_eq eq, const void *ctx) {
    uint32_t s = hln__join_slot(j, h, eq, ctx, 1, b_item);
    if (j->rep[s] < 0) { j->hash[s] = h; j->head[s] = -1; }
    j->rep[s] = (int32_t)b_item;
    j->next[b_item] = j->head[s];
    j->head[s] = (int32_t)b_item;
}
/* First unused B item with A's key, taken off its chain; -1 none. */
static int32_t hln__join_take(hln__join *j, uint32_t a_item, uint64_t h, hln__join_eq eq, const void *ctx) {
    uint32_t s = hln__join_slot(j, h, eq, ctx, 0, a_item);
    int32_t b;
    if (j->rep[s] < 0 || j->head[s] < 0) return -1;
    b = j->head[s];
    j->head[s] = j->next[b];
    return b;
}

/* ---- keys ---- */
typedef struct hln__dctx {
    const hln_model *m[2];        /* A, B */
    int64_t *layer[2];            /* per tensor */
    uint64_t *role[2];            /* per tensor: hln__role_key */
    uint64_t *probes;             /* the diff's align_probes */
} hln__dctx;
#define HLN__T(x, side, i) (&(x)->m[side]->tensors[i])
#define HLN__N(x, side, i) (&(x)->m[side]->graph->nodes[i])

static int hln__same_dims(const hln_tensor *s, const hln_tensor *t) {
    return s->n_dims == t->n_dims && (s->n_dims == 0 || memcmp(s->dims, t->dims, s->n_dims * sizeof(int64_t)) == 0);
}
static int hln__eq_tname(const void *c, int side, uint32_t i, uint32_t k) {
    const hln__dctx *x = (const hln__dctx *)c;
    return strcmp(HLN__T(x, side, i)->name, HLN__T(x, 1, k)->name) == 0;
}
static int hln__eq_role(const void *c, int side, uint32_t i, uint32_t k) {
    const hln__dctx *x = (const hln__dctx *)c;
    return x->role[side][i] == x->role[1][k];
}
static int hln__eq_shape(const void *c, int side, uint32_t i, uint32_t k) {
    const hln__dctx *x = (const hln__dctx *)c;
    return x->layer[side][i] == x->layer[1][k] && hln__same_dims(HLN__T(x, side, i), HLN__T(x, 1, k));
}
/* The weight a tensor stands for: "X.weight" for itself, and for a GPTQ/AWQ "X.qweight" (the
   layer it packs); the length of "X", or 0 for other names. */
static size_t hln__weight_stem(const char *name) {
    size_t n = strlen(name);
    if (hln__ends(name, ".qweight")) return n - 8;
    return hln__ends(name, ".weight") ? n - 7 : 0;
}
/* Role key: layer, role and part packed; 0 when the name has no role. */
static uint64_t hln__role_key(const char *name, int64_t *layer) {
    char w[512];
    size_t stem = hln__weight_stem(name);
    int role, part;
    if (stem && hln__ends(name, ".qweight") && stem + 8 <= sizeof w) {   /* the role of X.weight */
        memcpy(w, name, stem);
        memcpy(w + stem, ".weight", 8);
        name = w;
    }
    if (!hln_name_role(name, layer, &role, &part)) return 0;
    return ((uint64_t)(*layer + 1) << 16) | ((uint64_t)role << 4) | (uint64_t)part | (1ull << 62);
}

/* One stage: every unmatched A item looks for an unmatched B item with the same key; items
   whose key hash is 0 take no part. */
typedef uint64_t (*hln__key_fn)(const hln__dctx *x, int side, uint32_t i);
static uint64_t hln__key_tname(const hln__dctx *x, int side, uint32_t i) { return hln__hash_str(HLN__T(x, side, i)->name) | 1; }
static uint64_t hln__key_role(const hln__dctx *x, int side, uint32_t i) {
    uint64_t k = x->role[side][i];
    return k ? hln__hash_bytes(14695981039346656037ull, &k, sizeof k) | 1 : 0;
}
static uint64_t hln__key_wname(const hln__dctx *x, int side, uint32_t i) {
    const char *name = HLN__T(x, side, i)->name;
    size_t stem = hln__weight_stem(name);
    return stem ? hln__hash_bytes(14695981039346656037ull, name, stem) | 1 : 0;
}
static int hln__eq_wname(const void *c, int side, uint32_t i, uint32_t k) {
    const hln__dctx *x = (const hln__dctx *)c;
    const char *s = HLN__T(x, side, i)->name, *t = HLN__T(x, 1, k)->name;
    size_t n = hln__weight_stem(s);
    return n && n == hln__weight_stem(t) && memcmp(s, t, n) == 0;
}
static uint64_t hln__key_shape(const hln__dctx *x, int side, uint32_t i) {
    const hln_tensor *t = HLN__T(x, side, i);
    uint64_t h = hln__hash_bytes(14695981039346656037ull, &x->layer[side][i], sizeof(int64_t));
    return hln__hash_bytes(h, t->dims, t->n_dims * sizeof(int64_t)) | 1;
}

static hln_result hln__join_stage(hln_arena *scratch, uint32_t n_a, uint32_t n_b, int32_t *match_a, int32_t *match_b,
                                  uint8_t *how, uint8_t stage, hln__key_fn key, hln__join_eq eq,
                                  const hln__dctx *x, hln_error *err) {
    hln__join j;
    uint32_t i;
    int64_t k;
    if (!hln__join_init(&j, scratch, n_b)) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (k = (int64_t)n_b - 1; k >= 0; k--) {
        uint64_t h;
        if (match_b[k] < 0 && (h = key(x, 1, (uint32_t)k)) != 0) hln__join_add(&j, (uint32_t)k, h, eq, x);
    }
    for (i = 0; i < n_a; i++) {
        uint64_t h;
        int32_t b;
        if (match_a[i] >= 0 || (h = key(x, 0, i)) == 0) continue;
        b = hln__join_take(&j, i, h, eq, x);
        if (b < 0) continue;
        match_a[i] = b;
        match_b[b] = (int32_t)i;
        how[i] = stage;
    }
    *x->probes += j.probes;
    return HLN_OK;
}

/* The match arrays of one alignment (-1: unmatched) and the stage that matched each A item. */
static int hln__match_init(hln_arena *scratch, uint32_t na, uint32_t nb, int32_t **ma, int32_t **mb, uint8_t **how) {
    *ma = (int32_t *)hln_arena_array(scratch, (uint64_t)na + 1, sizeof(int32_t));
    *mb = (int32_t *)hln_arena_array(scratch, (uint64_t)nb + 1, sizeof(int32_t));
    *how = (uint8_t *)hln_arena_alloc(scratch, (size_t)na + 1);
    if (!*ma || !*mb || !*how) return 0;
    memset(*ma, 0xff, (size_t)(na + 1) * sizeof(int32_t));
    memset(*mb, 0xff, (size_t)(nb + 1) * sizeof(int32_t));
    return 1;
}

/* Rows: aligned in A's order, then A-only, then B-only. */
static hln_pair *hln__pairs(hln_arena *a, const int32_t *match_a, uint32_t n_a, const int32_t *match_b, uint32_t n_b,
                            const uint8_t *how, uint32_t *n_out, hln_diff_counts *c) {
    hln_pair *p = (hln_pair *)hln_arena_array(a, (uint64_t)n_a + n_b + 1, sizeof(hln_pair));
    uint32_t i, n = 0;
    if (!p) return NULL;
    for (i = 0; i < n_a; i++)
        if (match_a[i] >= 0) {
            p[n].a = (int32_t)i; p[n].b = match_a[i]; p[n].match = how[i]; n++;
            c->aligned++;
            if (how[i] == HLN_MATCH_NAME) c->by_name++;
            else if (how[i] == HLN_MATCH_ROLE) c->by_role++;
            else if (how[i] == HLN_MATCH_SHAPE) c->by_shape++;
            else c->by_position++;
        }
    for (i = 0; i < n_a; i++) if (match_a[i] < 0) { p[n].a = (int32_t)i; p[n].b = -1; n++; c->removed++; }
    for (i = 0; i < n_b; i++) if (match_b[i] < 0) { p[n].a = -1; p[n].b = (int32_t)i; n++; c->added++; }
    *n_out = n;
    return p;
}

static hln_result hln__diff_tensors(hln_diff *d, hln_arena *scratch, const hln_model *a, const hln_model *b, hln_error *err) {
    hln__dctx x;
    uint32_t i, na = a->n_tensors, nb = b->n_tensors;
    int32_t *ma, *mb;
    uint8_t *how;
    int side;
    hln_result r;
    x.m[0] = a;
    x.m[1] = b;
    x.probes = &d->align_probes;
    for (side = 0; side < 2; side++) {
        uint32_t n = x.m[side]->n_tensors;
        x.layer[side] = (int64_t *)hln_arena_array(scratch, (uint64_t)n + 1, sizeof(int64_t));
        x.role[side] = (uint64_t *)hln_arena_array(scratch, (uint64_t)n + 1, sizeof(uint64_t));
        if (!x.layer[side] || !x.role[side]) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
        for (i = 0; i < n; i++) x.role[side][i] = hln__role_key(x.m[side]->tensors[i].name, &x.layer[side][i]);
    }
    if (!hln__match_init(scratch, na, nb, &ma, &mb, &how)) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if ((r = hln__join_stage(scratch, na, nb, ma, mb, how, HLN_MATCH_NAME, hln__key_tname, hln__eq_tname, &x, err)) ||
        (r = hln__join_stage(scratch, na, nb, ma, mb, how, HLN_MATCH_ROLE, hln__key_role, hln__eq_role, &x, err)) ||
        (r = hln__join_stage(scratch, na, nb, ma, mb, how, HLN_MATCH_ROLE, hln__key_wname, hln__eq_wname, &x, err)) ||
        (r = hln__join_stage(scratch, na, nb, ma, mb, how, HLN_MATCH_SHAPE, hln__key_shape, hln__eq_shape, &x, err)))
        return r;
    d->tensors = hln__pairs(&d->arena, ma, na, mb, nb, how, &d->n_tensors, &d->tensor_counts);
    if (!d->tensors) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < d->tensor_counts.aligned; i++) {
        hln_pair *p = &d->tensors[i];
        const hln_tensor *s = &a->tensors[p->a], *t = &b->tensors[p->b];
        if (s->dtype != t->dtype) { p->changed |= HLN_DIFF_DTYPE; d->dtype_changed++; }
        if (!hln__same_dims(s, t)) {
            p->changed |= HLN_DIFF_SHAPE;
            d->shape_changed++;
            if (s->n_dims == 2 && t->n_dims == 2 && s->dims[0] == t->dims[1] && s->dims[1] == t->dims[0]) {
                p->changed |= HLN_DIFF_TRANSPOSED;
                d->transposed++;
            }
        }
        if (s->n_bytes != t->n_bytes) p->changed |= HLN_DIFF_BYTES;
        if (p->changed) d->tensor_counts.changed++;
    }
    return HLN_OK;
}

/* ---- metadata ---- */
static int hln__eq_kv(const void *c, int side, uint32_t i, uint32_t k) {
    const hln__dctx *x = (const hln__dctx *)c;
    return strcmp(x->m[side]->kv[i].key, x->m[1]->kv[k].key) == 0;
}
static uint64_t hln__key_kv(const hln__dctx *x, int side, uint32_t i) { return hln__hash_str(x->m[side]->kv[i].key) | 1; }
static int hln__kv_same(const hln_kv *s, const hln_kv *t) {
    if (s->type != t->type) return 0;
    switch (s->type) {
    case HLN_KV_STRING: return s->v.s.len == t->v.s.len && (s->v.s.len == 0 || memcmp(s->v.s.ptr, t->v.s.ptr, (size_t)s->v.s.len) == 0);
    case HLN_KV_ARRAY:
        return s->v.a.type == t->v.a.type && s->v.a.count == t->v.a.count && s->v.a.n_bytes == t->v.a.n_bytes &&
               s->v.a.big_endian == t->v.a.big_endian && (s->v.a.n_bytes == 0 || memcmp(s->v.a.data, t->v.a.data, (size_t)s->v.a.n_bytes) == 0);
    case HLN_KV_F32: case HLN_KV_F64: return memcmp(&s->v.f, &t->v.f, sizeof s->v.f) == 0;
    case HLN_KV_I8: case HLN_KV_I16: case HLN_KV_I32: case HLN_KV_I64: return s->v.i == t->v.i;
    default: return s->v.u == t->v.u;
    }
}
static hln_result hln__diff_kv(hln_diff *d, hln_arena *scratch, const hln_model *a, const hln_model *b, hln_error *err) {
    hln__dctx x;
    uint32_t i;
    int32_t *ma, *mb;
    uint8_t *how;
    hln_result r;
    memset(&x, 0, sizeof x);
    x.m[0] = a;
    x.m[1] = b;
    x.probes = &d->align_probes;
    if (!hln__match_init(scratch, a->n_kv, b->n_kv, &ma, &mb, &how)) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    r = hln__join_stage(scratch, a->n_kv, b->n_kv, ma, mb, how, HLN_MATCH_NAME, hln__key_kv, hln__eq_kv, &x, err);
    if (r) return r;
    d->kv = hln__pairs(&d->arena, ma, a->n_kv, mb, b->n_kv, how, &d->n_kv, &d->kv_counts);
    if (!d->kv) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < d->kv_counts.aligned; i++)
        if (!hln__kv_same(&a->kv[d->kv[i].a], &b->kv[d->kv[i].b])) { d->kv[i].changed = HLN_DIFF_VALUE; d->kv_counts.changed++; }
    return HLN_OK;
}

/* ---- nodes ---- */
static int hln__eq_nname(const void *c, int side, uint32_t i, uint32_t k) {
    const hln__dctx *x = (const hln__dctx *)c;
    return strcmp(HLN__N(x, side, i)->name, HLN__N(x, 1, k)->name) == 0;
}
static uint64_t hln__key_nname(const hln__dctx *x, int side, uint32_t i) {
    const hln_node *n = HLN__N(x, side, i);
    return n->name && n->name[0] ? hln__hash_str(n->name) | 1 : 0;   /* unnamed nodes align by op */
}
static int hln__same_op(const hln_node *s, const hln_node *t) {
    return strcmp(s->op_type, t->op_type) == 0 && strcmp(s->domain ? s->domain : "", t->domain ? t->domain : "") == 0;
}
static int hln__eq_op(const void *c, int side, uint32_t i, uint32_t k) {
    const hln__dctx *x = (const hln__dctx *)c;
    return hln__same_op(HLN__N(x, side, i), HLN__N(x, 1, k));
}
static uint64_t hln__key_op(const hln__dctx *x, int side, uint32_t i) {
    const hln_node *n = HLN__N(x, side, i);
    return hln__hash_bytes(hln__hash_str(n->op_type), n->domain ? n->domain : "", n->domain ? strlen(n->domain) : 0) | 1;
}
static hln_result hln__diff_nodes(hln_diff *d, hln_arena *scratch, const hln_model *a, const hln_model *b, hln_error *err) {
    hln__dctx x;
    uint32_t i, na = a->graph->n_nodes, nb = b->graph->n_nodes;
    int32_t *ma, *mb;
    uint8_t *how;
    hln_result r;
    memset(&x, 0, sizeof x);
    x.m[0] = a;
    x.m[1] = b;
    x.probes = &d->align_probes;
    if (!hln__match_init(scratch, na, nb, &ma, &mb, &how)) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if ((r = hln__join_stage(scratch, na, nb, ma, mb, how, HLN_MATCH_NAME, hln__key_nname, hln__eq_nname, &x, err)) ||
        (r = hln__join_stage(scratch, na, nb, ma, mb, how, HLN_MATCH_POSITION, hln__key_op, hln__eq_op, &x, err)))
        return r;
    d->nodes = hln__pairs(&d->arena, ma, na, mb, nb, how, &d->n_nodes, &d->node_counts);
    if (!d->nodes) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < d->node_counts.aligned; i++) {
        hln_pair *p = &d->nodes[i];
        const hln_node *s = &a->graph->nodes[p->a], *t = &b->graph->nodes[p->b];
        if (!hln__same_op(s, t)) p->changed |= HLN_DIFF_OP;
        if (s->n_inputs != t->n_inputs || s->n_outputs != t->n_outputs) p->changed |= HLN_DIFF_ARITY;
        if (p->changed) d->node_counts.changed++;
    }
    return HLN_OK;
}

/* ---- lowering ---- */
static const hln_attr *hln__origin_attr(const hln_node *n) {
    uint32_t k;
    for (k = 0; k < n->n_attrs; k++)
        if (n->attrs[k].type == HLN_ATTR_STRINGS && n->attrs[k].name && strcmp(n->attrs[k].name, "origin_nodes") == 0) return &n->attrs[k];
    return NULL;
}
static int hln__has_origins(const hln_model *m) {
    uint32_t i;
    for (i = 0; m->graph && i < m->graph->n_nodes; i++) if (hln__origin_attr(&m->graph->nodes[i])) return 1;
    return 0;
}
static hln_dtype hln__first_input_dtype(const hln_graph *g, const hln_node *n) {
    return n->n_inputs && n->inputs[0] >= 0 && (uint32_t)n->inputs[0] < g->n_values ? g->values[n->inputs[0]].dtype : HLN_DTYPE_UNKNOWN;
}
static hln_result hln__diff_lowering(hln_diff *d, const hln_model *src, const hln_model *eng, hln_error *err) {
    const hln_graph *sg = src->graph, *eg = eng->graph;
    hln_lowering *L = &d->lowering;
    hln_strmap nodes, tensors;
    uint64_t total = 0;
    uint32_t i, k, at = 0;
    L->n_layers = eg->n_nodes;
    L->n_source_nodes = sg->n_nodes;
    for (i = 0; i < eg->n_nodes; i++) { const hln_attr *a = hln__origin_attr(&eg->nodes[i]); total += a ? a->count : 0; }
    if (total > UINT32_MAX) return hln_error_set(err, HLN_ERR_LIMIT, 0, "", "too many origin names");
    L->layers = (hln_lowered *)hln_arena_array(&d->arena, (uint64_t)eg->n_nodes + 1, sizeof(hln_lowered));
    L->from = (uint32_t *)hln_arena_array(&d->arena, total + 1, sizeof(uint32_t));
    L->uses = (uint32_t *)hln_arena_array(&d->arena, (uint64_t)sg->n_nodes + 1, sizeof(uint32_t));
    if (!L->layers || !L->from || !L->uses) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    memset(L->uses, 0, ((size_t)sg->n_nodes + 1) * sizeof(uint32_t));
    if (!hln_strmap_init(&nodes, &src->arena.allocator, sg->n_nodes)) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if (!hln_strmap_init(&tensors, &src->arena.allocator, src->n_tensors)) {
        hln_strmap_free(&nodes);
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    for (i = 0; i < sg->n_nodes; i++) if (sg->nodes[i].name && sg->nodes[i].name[0]) hln_strmap_put(&nodes, sg->nodes[i].name, strlen(sg->nodes[i].name), i);
    for (i = 0; i < src->n_tensors; i++) if (src->tensors[i].name) hln_strmap_put(&tensors, src->tensors[i].name, strlen(src->tensors[i].name), i);
    for (i = 0; i < eg->n_nodes; i++) {
        const hln_node *n = &eg->nodes[i];
        const hln_attr *a = hln__origin_attr(n);
        hln_lowered *l = &L->layers[i];
        uint32_t lowest = UINT32_MAX;
        memset(l, 0, sizeof *l);
        l->first = at;
        l->dtype = hln__first_input_dtype(eg, n);
        l->dtype_src = HLN_DTYPE_UNKNOWN;
        l->n_names = a ? a->count : 0;
        for (k = 0; a && k < a->count; k++) {
            int64_t v = hln_strmap_get(&nodes, a->strings[k].ptr, (size_t)a->strings[k].len);
            uint32_t q;
            int dup = 0;
            if (v < 0) {
                if (hln_strmap_get(&tensors, a->strings[k].ptr, (size_t)a->strings[k].len) >= 0) l->n_weights++;
                else L->unresolved_names++;
                continue;
            }
            for (q = l->first; q < at && !dup; q++) dup = L->from[q] == (uint32_t)v;
            if (dup) continue;
            L->from[at++] = (uint32_t)v;
            L->uses[v]++;
            if ((uint32_t)v < lowest) lowest = (uint32_t)v;
        }
        l->n_nodes = at - l->first;
        if (!l->n_names) L->inserted++;
        else if (!l->n_nodes) L->unmatched++;
        else {
            L->mapped++;
            if (l->n_nodes >= 2) { L->fused++; L->fused_nodes += l->n_nodes; }
            l->dtype_src = hln__first_input_dtype(sg, &sg->nodes[lowest]);
            if (l->dtype != HLN_DTYPE_UNKNOWN && l->dtype_src != HLN_DTYPE_UNKNOWN && l->dtype != l->dtype_src) {
                l->precision_changed = 1;
                L->precision_changed++;
            }
        }
    }
    for (i = 0; i < sg->n_nodes; i++) { if (L->uses[i]) L->nodes_lowered++; else L->nodes_removed++; }
    hln_strmap_free(&nodes);
    hln_strmap_free(&tensors);
    d->has_lowering = 1;
    return HLN_OK;
}

HLN_DEF hln_result hln_model_diff(const hln_model *a, const hln_model *b, hln_diff *out, hln_error *err) {
    hln_arena scratch;
    hln_result r;
    memset(out, 0, sizeof *out);
    if (!a || !b) return hln_error_set(err, HLN_ERR_ARG, 0, "", "diff needs two models");
    out->arena.allocator = a->arena.allocator;
    memset(&scratch, 0, sizeof scratch);
    scratch.allocator = a->arena.allocator;
    r = hln__diff_tensors(out, &scratch, a, b, err);
    hln_arena_free(&scratch);
    if (r == HLN_OK) r = hln__diff_kv(out, &scratch, a, b, err);
    hln_arena_free(&scratch);
    if (r == HLN_OK && a->graph && b->graph) r = hln__diff_nodes(out, &scratch, a, b, err);
    hln_arena_free(&scratch);
    if (r == HLN_OK && a->graph && b->graph) {
        int ea = hln__has_origins(a), eb = hln__has_origins(b);
        if (ea != eb) {
            out->lowering.engine_is_a = ea;
            r = hln__diff_lowering(out, ea ? b : a, ea ? a : b, err);
        }
    }
    if (r != HLN_OK) hln_diff_free(out);
    return r;
}

HLN_DEF void hln_diff_free(hln_diff *d) {
    hln_allocator keep = d->arena.allocator;
    hln_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
    d->arena.allocator = keep;
}

#ifdef HAOLINE_KERNELS_H
#define HLN__PAIR_CHUNK 16384   /* elements per streamed chunk; a multiple of every block size */
static int hln__json_f64(const hln_json *j, uint32_t t, double *out);

/* ---- quantized linear layers: the tensors one GPTQ, AWQ or bitsandbytes 4-bit layer is stored
   in, joined into the float weight they stand for, [out, in] as transformers keeps a Linear.
     GPTQ  qweight I32 [in * bits / 32, out]: packed along input rows, element k of a word in
           bits k*bits.. (bits 2, 4, 8); qzeros I32 [groups, out * bits / 32] packed the same way
           along columns; scales [groups, out]; g_idx I32 [in] (optional) the group of each input
           row, else row / group_size. w = (q - z) * s, where AutoGPTQ's checkpoint_format "gptq"
           (the default) stores z - 1 and "gptq_v2" z itself.
     AWQ   (version "gemm") qweight I32 [in, out / 8]: packed along output columns, column c of a
           word in nibble (0, 4, 1, 5, 2, 6, 3, 7)[c]; qzeros [groups, out / 8] likewise; scales
           [groups, out]; group = row / group_size. w = (q - z) * s. 4 bits only.
     bnb   X.weight U8 (two codes a byte, the first in the high nibble, in row-major order of the
           float weight) with X.weight.quant_state.bitsandbytes__nf4|fp4 (the JSON of
           quant_type, blocksize, shape, and when double-quantized nested_blocksize and
           nested_offset), X.weight.quant_map (F32 [16]: the code's values), X.weight.absmax
           (F32 per block, or U8 codes when nested: absmax = nested_quant_map[code] *
           nested_absmax[block / nested_blocksize] + nested_offset). w = quant_map[q] * absmax.
   Sources (layouts only): AutoGPTQ, AutoAWQ, bitsandbytes QuantState.as_dict. Group size and
   bits come from the quantization config (model->hp), checked against the shapes; all
   arithmetic is f32. */
enum { HLN__QL_NONE = 0, HLN__QL_GPTQ, HLN__QL_AWQ, HLN__QL_BNB };
typedef struct hln__qlayer {
    int      kind;
    int32_t  w, scales, zeros, g_idx;     /* GPTQ/AWQ: qweight, scales, qzeros, g_idx (-1: none) */
    int32_t  absmax, qmap, nested_absmax, nested_qmap, state;   /* bitsandbytes (-1: none) */
    int      bits, zero_plus_one;
    int64_t  group, rows, cols;           /* group: GPTQ/AWQ group size, or bnb blocksize */
    int64_t  groups, nested_block;
    float    nested_offset;
    uint64_t bytes;                       /* every joined tensor's bytes */
} hln__qlayer;

static int hln__is_2d(const hln_model *m, int32_t i, hln_dtype dt) {
    return i >= 0 && m->tensors[i].n_dims == 2 && m->tensors[i].dtype == dt && m->tensors[i].dims[0] > 0 && m->tensors[i].dims[1] > 0;
}
static int hln__is_float(const hln_model *m, int32_t i) {
    return i >= 0 && hln_dtype_get(m->tensors[i].dtype)->kind == HLN_KIND_FLOAT && hln_dtype_get(m->tensors[i].dtype)->block_size == 1;
}

/* GPTQ or AWQ from the shapes of X.qweight (stem "X") and its companions. */
static hln_result hln__qlayer_gptq_awq(const hln_model *m, const hln_strmap *names, const char *stem, size_t n, hln__qlayer *q) {
    const hln_tensor *w, *s, *z;
    int64_t per, in, out;
    q->scales = hln__tensor_named(m, names, stem, n, ".scales");
    q->zeros = hln__tensor_named(m, names, stem, n, ".qzeros");
    q->g_idx = hln__tensor_named(m, names, stem, n, ".g_idx");
    if (!hln__is_2d(m, q->w, HLN_DTYPE_I32) || !hln__is_2d(m, q->zeros, HLN_DTYPE_I32) || !hln__is_float(m, q->scales) ||
        m->tensors[q->scales].n_dims != 2) return HLN_ERR_UNSUPPORTED;
    w = &m->tensors[q->w]; s = &m->tensors[q->scales]; z = &m->tensors[q->zeros];
    q->bits = m->hp.quant_bits > 0 ? (int)m->hp.quant_bits : 4;
    if (q->bits != 2 && q->bits != 4 && q->bits != 8) return HLN_ERR_UNSUPPORTED;   /* 3 bits straddle words */
    per = 32 / q->bits;
    out = s->dims[1];
    q->groups = s->dims[0];
    if (w->dims[1] == out) { q->kind = HLN__QL_GPTQ; in = w->dims[0] * per; }
    else if (q->bits == 4 && w->dims[1] * per == out && q->g_idx < 0 &&
             !(m->hp.quant_format && strcmp(m->hp.quant_format, "gemm") != 0)) { q->kind = HLN__QL_AWQ; in = w->dims[0]; }
    else return HLN_ERR_UNSUPPORTED;
    if (z->dims[0] != q->groups || z->dims[1] * per != out || in > INT64_MAX / out) return HLN_ERR_UNSUPPORTED;
    q->group = m->hp.quant_group_size > 0 ? m->hp.quant_group_size : in;
    if (q->g_idx >= 0 && (m->tensors[q->g_idx].dtype != HLN_DTYPE_I32 || m->tensors[q->g_idx].n_elements != (uint64_t)in)) return HLN_ERR_UNSUPPORTED;
    if (q->g_idx < 0 && (in + q->group - 1) / q->group != q->groups) return HLN_ERR_UNSUPPORTED;
    q->zero_plus_one = q->kind == HLN__QL_GPTQ && !(m->hp.quant_format && strcmp(m->hp.quant_format, "gptq_v2") == 0);
    q->rows = out;
    q->cols = in;
    q->bytes = w->n_bytes + s->n_bytes + z->n_bytes + (q->g_idx >= 0 ? m->tensors[q->g_idx].n_bytes : 0);
    return HLN_OK;
}

/* Bytes of tensor t, whole: a view when they stay in memory (*owned NULL), else read into a
   buffer the caller frees (*owned). */
static hln_result hln__tensor_bytes_all(const hln_model *m, const hln_tensor *t, const uint8_t **out, uint8_t **owned, hln_error *err) {
    hln_file_reader rd;
    hln_result r;
    uint64_t pos;
    *out = NULL;
    *owned = NULL;
    if ((r = hln__bytes_readable(m, t, err)) != HLN_OK) return r;
    if ((r = hln_file_reader_open(&rd, m, t->file, err)) != HLN_OK) return r;
    if (!hln__view_in_file(m, t, &rd, &pos)) *out = (const uint8_t *)t->data;
    else if (t->n_bytes > (uint64_t)SIZE_MAX - 1 || !(*owned = (uint8_t *)hln_allocator_alloc(&m->arena.allocator, (size_t)t->n_bytes + 1)))
        r = hln_error_set(err, HLN_ERR_NOMEM, 0, t->name, "out of memory");
    else if ((r = hln_file_reader_read(&rd, pos, *owned, (size_t)t->n_bytes, err)) == HLN_OK) *out = *owned;
    hln_file_reader_close(&rd);
    if (r != HLN_OK) { hln_allocator_free(&m->arena.allocator, *owned); *owned = NULL; }
    return r;
}

/* bitsandbytes: X.weight (stem "X.weight") with its quant_state. */
static hln_result hln__qlayer_bnb(const hln_model *m, const hln_strmap *names, const char *stem, size_t n, hln__qlayer *q, hln_error *err) {
    const hln_tensor *st;
    const uint8_t *text;
    uint8_t *owned;
    hln_json j;
    hln_error quiet;
    uint32_t v, k;
    uint64_t u = 0, nblocks;
    double off = 0;
    hln_result r;
    q->state = hln__tensor_named(m, names, stem, n, ".quant_state.bitsandbytes__nf4");
    if (q->state < 0) q->state = hln__tensor_named(m, names, stem, n, ".quant_state.bitsandbytes__fp4");
    if (q->state < 0) return HLN_OK;   /* a plain weight */
    q->absmax = hln__tensor_named(m, names, stem, n, ".absmax");
    q->qmap = hln__tensor_named(m, names, stem, n, ".quant_map");
    q->nested_absmax = hln__tensor_named(m, names, stem, n, ".nested_absmax");
    q->nested_qmap = hln__tensor_named(m, names, stem, n, ".nested_quant_map");
    st = &m->tensors[q->state];
    if (m->tensors[q->w].dtype != HLN_DTYPE_U8 || st->dtype != HLN_DTYPE_U8 || st->n_bytes > 65536 || q->absmax < 0 || q->qmap < 0 ||
        m->tensors[q->qmap].dtype != HLN_DTYPE_F32 || m->tensors[q->qmap].n_elements != 16) return HLN_ERR_UNSUPPORTED;
    if ((r = hln__tensor_bytes_all(m, st, &text, &owned, err)) != HLN_OK) return r;
    memset(&j, 0, sizeof j);
    r = HLN_ERR_UNSUPPORTED;
    if (hln_utf8_valid(text, st->n_bytes) &&
        hln_json_parse(&j, &m->arena.allocator, (const char *)text, st->n_bytes, 65536, 0, "quant_state", &quiet) == HLN_OK &&
        j.tok[0].type == HLN_JSON_OBJECT) {
        r = HLN_OK;
        v = hln_json_find(&j, 0, "blocksize");
        if (!v || hln_json_u64(&j, v, &u, "", NULL) != HLN_OK || u == 0 || u > ((uint64_t)1 << 20)) r = HLN_ERR_UNSUPPORTED;
        q->group = (int64_t)u;
        v = hln_json_find(&j, 0, "shape");
        if (r == HLN_OK && (!v || j.tok[v].type != HLN_JSON_ARRAY || j.tok[v].size != 2)) r = HLN_ERR_UNSUPPORTED;
        for (k = 0; r == HLN_OK && k < 2; k++) {
            uint32_t e = k == 0 ? v + 1 : j.tok[v + 1].next;
            if (hln_json_u64(&j, e, &u, "", NULL) != HLN_OK || u == 0 || u > ((uint64_t)1 << 31)) r = HLN_ERR_UNSUPPORTED;
            else if (k == 0) q->rows = (int64_t)u; else q->cols = (int64_t)u;
        }
        if (r == HLN_OK && q->nested_absmax >= 0) {
            v = hln_json_find(&j, 0, "nested_blocksize");
            if (!v || hln_json_u64(&j, v, &u, "", NULL) != HLN_OK || u == 0 || u > ((uint64_t)1 << 20) ||
                !hln__json_f64(&j, hln_json_find(&j, 0, "nested_offset"), &off)) r = HLN_ERR_UNSUPPORTED;
            q->nested_block = (int64_t)u;
        }
    }
    hln_json_free(&j);
    hln_allocator_free(&m->arena.allocator, owned);
    if (r != HLN_OK) return r;
    q->nested_offset = (float)off;
    nblocks = ((uint64_t)q->rows * (uint64_t)q->cols + (uint64_t)q->group - 1) / (uint64_t)q->group;
    if (m->tensors[q->w].n_elements != ((uint64_t)q->rows * (uint64_t)q->cols + 1) / 2 || m->tensors[q->absmax].n_elements != nblocks)
        return HLN_ERR_UNSUPPORTED;
    if (q->nested_absmax >= 0) {
        if (m->tensors[q->absmax].dtype != HLN_DTYPE_U8 || q->nested_qmap < 0 || m->tensors[q->nested_qmap].dtype != HLN_DTYPE_F32 ||
            m->tensors[q->nested_qmap].n_elements != 256 || m->tensors[q->nested_absmax].dtype != HLN_DTYPE_F32 ||
            m->tensors[q->nested_absmax].n_elements != (nblocks + (uint64_t)q->nested_block - 1) / (uint64_t)q->nested_block)
            return HLN_ERR_UNSUPPORTED;
    } else if (m->tensors[q->absmax].dtype != HLN_DTYPE_F32) return HLN_ERR_UNSUPPORTED;
    q->kind = HLN__QL_BNB;
    q->bytes = m->tensors[q->w].n_bytes + m->tensors[q->absmax].n_bytes + m->tensors[q->qmap].n_bytes + st->n_bytes +
               (q->nested_absmax >= 0 ? m->tensors[q->nested_absmax].n_bytes + m->tensors[q->nested_qmap].n_bytes : 0);
    return HLN_OK;
}

/* What tensor i is: HLN_OK with q->kind NONE (a plain tensor) or the layer it joins;
   HLN_ERR_UNSUPPORTED for a quantization container that cannot be joined (a companion
   tensor, an unknown layout): not measured. */
static hln_result hln__qlayer_of(const hln_model *m, const hln_strmap *names, int containers, uint32_t i, hln__qlayer *q, hln_error *err) {
    const char *name = m->tensors[i].name;
    size_t n = strlen(name);
    int64_t layer;
    uint32_t role;
    memset(q, 0, sizeof *q);
    q->w = (int32_t)i;
    q->scales = q->zeros = q->g_idx = q->absmax = q->qmap = q->nested_absmax = q->nested_qmap = q->state = -1;
    if (containers && hln__ends(name, ".qweight")) return hln__qlayer_gptq_awq(m, names, name, n - 8, q);
    if (containers && hln__ends(name, ".weight")) return hln__qlayer_bnb(m, names, name, n, q, err);
    /* Packed codes of a quantization container (qzeros, g_idx, bitsandbytes quant_state and
       absmax codes): their numbers are not weights; float scales and absmax are compared as
       they are. */
    role = hln__role_of(name, &layer);
    if (role == HLN__R_GPTQ_QWEIGHT || role == HLN__R_QZEROS || role == HLN__R_GPTQ_GIDX ||
        (role == HLN__R_BNB && (hln__has(name, "quant_state.") || m->tensors[i].dtype == HLN_DTYPE_U8))) return HLN_ERR_UNSUPPORTED;
    return HLN_OK;
}

/* ---- one side of a pair: a plain tensor read front to back, or a joined layer whose packed
   tensors are read whole (their packed size) and decoded element by element ---- */
typedef struct hln__wside {
    const hln_model *m;
    const hln_tensor *t;
    hln__qlayer      q;
    hln__tread       rd;
    const uint8_t   *w, *z, *gi;          /* packed codes, zeros, g_idx; bnb: codes, absmax codes */
    uint8_t         *own[3];
    float           *s, *qmap;            /* scales ([groups, out]) or bnb per-block absmax; 16 values */
} hln__wside;

/* Every value of a float tensor into a new array. */
static hln_result hln__tensor_floats(const hln_model *m, int32_t i, float **out, hln_error *err) {
    const hln_tensor *t = &m->tensors[i];
    hln__tread rd;
    uint64_t pos = 0;
    hln_result r;
    *out = t->n_elements < (uint64_t)SIZE_MAX / sizeof(float) ? (float *)hln_allocator_alloc(&m->arena.allocator, (size_t)t->n_elements * sizeof(float) + 1) : NULL;
    if (!*out) return hln_error_set(err, HLN_ERR_NOMEM, 0, t->name, "out of memory");
    hln__tread_init(&rd, m);
    r = hln__tread_set(&rd, t, err);
    while (r == HLN_OK && pos < t->n_elements) {
        uint64_t n = t->n_elements - pos < HLN__PAIR_CHUNK ? t->n_elements - pos : HLN__PAIR_CHUNK;
        r = hln__tread_decode(&rd, pos, n, *out + pos, err);
        pos += n;
    }
    hln__tread_free(&rd);
    return r;
}
/* A little-endian uint32 (also the imatrix reader's, below). */
static uint32_t hln__le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void hln__wside_close(hln__wside *w) {
    int k;
    hln__tread_free(&w->rd);
    for (k = 0; k < 3; k++) hln_allocator_free(&w->m->arena.allocator, w->own[k]);
    hln_allocator_free(&w->m->arena.allocator, w->s);
    hln_allocator_free(&w->m->arena.allocator, w->qmap);
}
static hln_result hln__wside_open(hln__wside *w, const hln_model *m, uint32_t i, const hln__qlayer *q, hln_error *err) {
    const hln__qlayer *l = q;
    hln_result r;
    memset(w, 0, sizeof *w);
    w->m = m;
    w->t = &m->tensors[i];
    w->q = *q;
    hln__tread_init(&w->rd, m);
    if (q->kind == HLN__QL_NONE) return hln__tread_set(&w->rd, w->t, err);
    if ((r = hln__tensor_bytes_all(m, &m->tensors[l->w], &w->w, &w->own[0], err)) != HLN_OK) return r;
    if (q->kind == HLN__QL_BNB) {
        uint64_t b, nb = m->tensors[l->absmax].n_elements;
        if ((r = hln__tensor_floats(m, l->qmap, &w->qmap, err)) != HLN_OK) return r;
        if (l->nested_absmax < 0) return hln__tensor_floats(m, l->absmax, &w->s, err);
        {
            float *nabs = NULL, *nmap = NULL;
            if ((r = hln__tensor_bytes_all(m, &m->tensors[l->absmax], &w->z, &w->own[1], err)) == HLN_OK &&
                (r = hln__tensor_floats(m, l->nested_absmax, &nabs, err)) == HLN_OK &&
                (r = hln__tensor_floats(m, l->nested_qmap, &nmap, err)) == HLN_OK) {
                if (!(w->s = (float *)hln_allocator_alloc(&m->arena.allocator, (size_t)nb * sizeof(float) + 1)))
                    r = hln_error_set(err, HLN_ERR_NOMEM, 0, w->t->name, "out of memory");
                for (b = 0; w->s && b < nb; b++) {   /* bitsandbytes' dequantize_blockwise, then + offset, in f32 */
                    float a = nmap[w->z[b]] * nabs[b / (uint64_t)l->nested_block];
                    w->s[b] = a + l->nested_offset;
                }
            }
            hln_allocator_free(&m->arena.allocator, nabs);
            hln_allocator_free(&m->arena.allocator, nmap);
            return r;
        }
    }
    if ((r = hln__tensor_bytes_all(m, &m->tensors[l->zeros], &w->z, &w->own[1], err)) != HLN_OK ||
        (l->g_idx >= 0 && (r = hln__tensor_bytes_all(m, &m->tensors[l->g_idx], &w->gi, &w->own[2], err)) != HLN_OK) ||
        (r = hln__tensor_floats(m, l->scales, &w->s, err)) != HLN_OK) return r;
    return HLN_OK;
}
/* Elements [first, first + n) of the side's float weight (row-major over its dims). */
static hln_result hln__wside_decode(hln__wside *w, uint64_t first, uint64_t n, float *out, hln_error *err) {
    static const uint8_t awq_nibble[8] = { 0, 4, 1, 5, 2, 6, 3, 7 };
    const hln__qlayer *q = &w->q;
    uint64_t k;
    if (q->kind == HLN__QL_NONE) return hln__tread_decode(&w->rd, first, n, out, err);
    if (q->kind == HLN__QL_BNB) {
        for (k = 0; k < n; k++) {
            uint64_t e = first + k;
            unsigned code = (e & 1) ? w->w[e / 2] & 15u : w->w[e / 2] >> 4;
            out[k] = w->qmap[code] * w->s[e / (uint64_t)q->group];
        }
        return HLN_OK;
    }
    {
        uint64_t out_n = (uint64_t)q->rows, per = 32u / (uint64_t)q->bits, mask = (1u << q->bits) - 1;
        for (k = 0; k < n; k++) {
            uint64_t e = first + k, o = e / (uint64_t)q->cols, i = e % (uint64_t)q->cols, g;
            uint32_t qv, zv;
            if (w->gi) {
                int32_t gv = (int32_t)hln__le32(w->gi + 4 * i);
                if (gv < 0 || (int64_t)gv >= q->groups)
                    return hln_error_set(err, HLN_ERR_RANGE, w->t->file_offset, w->t->name, "g_idx[%llu] = %d is not a group", (unsigned long long)i, (int)gv);
                g = (uint64_t)gv;
            } else g = i / (uint64_t)q->group;
            if (q->kind == HLN__QL_GPTQ) {
                qv = (hln__le32(w->w + 4 * ((i / per) * out_n + o)) >> (q->bits * (i % per))) & mask;
                zv = (hln__le32(w->z + 4 * (g * (out_n / per) + o / per)) >> (q->bits * (o % per))) & mask;
            } else {
                qv = (hln__le32(w->w + 4 * (i * (out_n / 8) + o / 8)) >> (4 * awq_nibble[o % 8])) & 15u;
                zv = (hln__le32(w->z + 4 * (g * (out_n / 8) + o / 8)) >> (4 * awq_nibble[o % 8])) & 15u;
            }
            out[k] = (float)((int32_t)qv - (int32_t)zv - q->zero_plus_one) * w->s[g * out_n + o];
        }
    }
    return HLN_OK;
}
/* The dims a side compares by: the tensor's, or [out, in] of a joined layer. */
static void hln__side_dims(const hln_model *m, uint32_t i, const hln__qlayer *q, uint32_t *n_dims, const int64_t **dims, int64_t two[2], uint64_t *count) {
    if (q->kind == HLN__QL_NONE) { *n_dims = m->tensors[i].n_dims; *dims = m->tensors[i].dims; *count = m->tensors[i].n_elements; return; }
    two[0] = q->rows;
    two[1] = q->cols;
    *n_dims = 2;
    *dims = two;
    *count = (uint64_t)q->rows * (uint64_t)q->cols;
}
/* 0 not comparable, 1 same dims, 2 B's 2-D dims are A's swapped. */
static int hln__sides_fit(const hln_model *a, uint32_t ta, const hln__qlayer *qa, const hln_model *b, uint32_t tb, const hln__qlayer *qb) {
    uint32_t na, nb;
    const int64_t *da, *db;
    int64_t ta2[2], tb2[2];
    uint64_t ca, cb;
    hln__side_dims(a, ta, qa, &na, &da, ta2, &ca);
    hln__side_dims(b, tb, qb, &nb, &db, tb2, &cb);
    if (ca != cb) return 0;
    if (na == nb && (na == 0 || memcmp(da, db, na * sizeof(int64_t)) == 0)) return 1;
    return na == 2 && nb == 2 && da[0] == db[1] && da[1] == db[0] ? 2 : 0;
}

static hln_result hln__pair_error(const hln_model *a, uint32_t ta, const hln__qlayer *qa, const hln_model *b, uint32_t tb,
                                  const hln__qlayer *qb, int transposed, hln_k_error *e, hln_error *err) {
    hln__wside sa, sb;
    float *xa = NULL, *xb = NULL;
    uint64_t pos = 0, n_b, count, k;
    int64_t rows = 0, cols = 0, two[2];
    uint32_t nd;
    const int64_t *dims;
    hln_result r;
    hln_k_error_init(e);
    hln__side_dims(a, ta, qa, &nd, &dims, two, &count);
    if (transposed) { rows = dims[0]; cols = dims[1]; }
    if ((qa->kind == HLN__QL_NONE && a->tensors[ta].n_elements % hln_dtype_get(a->tensors[ta].dtype)->block_size) ||
        (qb->kind == HLN__QL_NONE && b->tensors[tb].n_elements % hln_dtype_get(b->tensors[tb].dtype)->block_size))
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, b->tensors[tb].file_offset, b->tensors[tb].name, "partial block");
    n_b = transposed ? count : HLN__PAIR_CHUNK;
    if (n_b > (uint64_t)SIZE_MAX / sizeof(float) / 2) return hln_error_set(err, HLN_ERR_LIMIT, 0, b->tensors[tb].name, "tensor too large to transpose");
    if ((r = hln__wside_open(&sa, a, ta, qa, err)) != HLN_OK) { hln__wside_close(&sa); return r; }
    if ((r = hln__wside_open(&sb, b, tb, qb, err)) != HLN_OK) goto done;
    xa = (float *)hln_allocator_alloc(&a->arena.allocator, HLN__PAIR_CHUNK * sizeof(float));
    xb = (float *)hln_allocator_alloc(&a->arena.allocator, (size_t)(transposed ? n_b + HLN__PAIR_CHUNK : n_b) * sizeof(float));
    if (!xa || !xb) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, b->tensors[tb].name, "out of memory"); goto done; }
    for (k = 0; transposed && k < count; k += HLN__PAIR_CHUNK)   /* B whole, in chunks */
        if ((r = hln__wside_decode(&sb, k, count - k < HLN__PAIR_CHUNK ? count - k : HLN__PAIR_CHUNK, xb + k, err)) != HLN_OK) goto done;
    while (pos < count) {
        uint64_t n = count - pos < HLN__PAIR_CHUNK ? count - pos : HLN__PAIR_CHUNK;
        if ((r = hln__wside_decode(&sa, pos, n, xa, err)) != HLN_OK) goto done;
        if (transposed) {   /* A[i][j] = B[j][i] */
            float *col = xb + n_b;
            for (k = 0; k < n; k++) {
                uint64_t at = pos + k;
                col[k] = xb[(at % (uint64_t)cols) * (uint64_t)rows + at / (uint64_t)cols];
            }
            hln_k_error_feed(e, xa, col, (int64_t)n);
        } else {
            if ((r = hln__wside_decode(&sb, pos, n, xb, err)) != HLN_OK) goto done;
            hln_k_error_feed(e, xa, xb, (int64_t)n);
        }
        pos += n;
    }
    hln_k_error_finish(e);
    r = HLN_OK;
done:
    hln__wside_close(&sa);
    hln__wside_close(&sb);
    hln_allocator_free(&a->arena.allocator, xa);
    hln_allocator_free(&a->arena.allocator, xb);
    return r;
}

HLN_DEF hln_result hln_tensor_pair_error(const hln_model *a, uint32_t ta, const hln_model *b, uint32_t tb,
                                         int transposed, hln_k_error *e, hln_error *err) {
    hln__qlayer qa, qb;
    hln_result r;
    int fit;
    hln_k_error_init(e);
    if (ta >= a->n_tensors || tb >= b->n_tensors) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no such tensor");
    if ((r = hln__qlayer_of(a, NULL, 1, ta, &qa, err)) != HLN_OK || (r = hln__qlayer_of(b, NULL, 1, tb, &qb, err)) != HLN_OK) {
        if (r == HLN_ERR_UNSUPPORTED) hln_error_set(err, r, 0, b->tensors[tb].name, "a quantization container's codes that cannot be joined into a weight");
        return r;
    }
    fit = hln__sides_fit(a, ta, &qa, b, tb, &qb);
    if (!fit || (fit == 2) != (transposed != 0))
        return hln_error_set(err, HLN_ERR_ARG, 0, b->tensors[tb].name, transposed ? "not a transpose of %s" : "element counts or dims differ from %s",
                             a->tensors[ta].name);
    return hln__pair_error(a, ta, &qa, b, tb, &qb, transposed, e, err);
}

/* A name map of a model that holds quantization containers (companion lookups stay linear
   in the tensor count); *used 0: it holds none, and no lookups are made. */
static hln_result hln__names_if_quant(const hln_model *m, hln_strmap *map, int *used, hln_error *err) {
    uint32_t i;
    *used = 0;
    for (i = 0; i < m->n_tensors && !hln__ends(m->tensors[i].name, ".qweight") && !hln__has(m->tensors[i].name, ".quant_state."); i++) {}
    if (i == m->n_tensors) return HLN_OK;
    if (!hln_strmap_init(map, &m->arena.allocator, m->n_tensors)) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    *used = 1;
    for (i = 0; i < m->n_tensors; i++) hln_strmap_put(map, m->tensors[i].name, strlen(m->tensors[i].name), i);
    return HLN_OK;
}

HLN_DEF hln_result hln_diff_weights(hln_diff *d, const hln_model *a, const hln_model *b,
                                    hln_progress_fn progress, void *user, hln_error *err) {
    uint64_t total = 0, done = 0;
    uint32_t i;
    hln_k_error all;
    hln_strmap names[2];
    int used[2] = { 0, 0 };
    uint8_t *fit;
    hln_result r = HLN_OK;
    d->weights = (hln_quant_error *)hln_arena_array(&d->arena, (uint64_t)d->n_tensors + 1, sizeof(hln_quant_error));
    fit = (uint8_t *)hln_arena_alloc(&d->arena, (size_t)d->n_tensors + 1);
    if (!d->weights || !fit) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    memset(&d->weights_total, 0, sizeof d->weights_total);
    memset(fit, 0, (size_t)d->n_tensors + 1);
    if ((r = hln__names_if_quant(a, &names[0], &used[0], err)) != HLN_OK || (r = hln__names_if_quant(b, &names[1], &used[1], err)) != HLN_OK)
        goto done;
    for (i = 0; i < d->n_tensors; i++) {   /* what each pair compares, and the bytes in all */
        const hln_pair *p = &d->tensors[i];
        hln__qlayer qa, qb;
        if (p->a < 0 || p->b < 0) continue;
        r = hln__qlayer_of(a, &names[0], used[0], (uint32_t)p->a, &qa, err);
        if (r == HLN_OK) r = hln__qlayer_of(b, &names[1], used[1], (uint32_t)p->b, &qb, err);
        if (r == HLN_ERR_UNSUPPORTED) { r = HLN_OK; continue; }
        if (r != HLN_OK) goto done;
        if (!a->tensors[p->a].data || !b->tensors[p->b].data) continue;
        fit[i] = (uint8_t)hln__sides_fit(a, (uint32_t)p->a, &qa, b, (uint32_t)p->b, &qb);
        if (fit[i]) total += (qa.kind ? qa.bytes : a->tensors[p->a].n_bytes) + (qb.kind ? qb.bytes : b->tensors[p->b].n_bytes);
    }
    hln_k_error_init(&all);
    for (i = 0; i < d->n_tensors; i++) {
        const hln_pair *p = &d->tensors[i];
        hln__qlayer qa, qb;
        hln_k_error e;
        if (!fit[i]) continue;
        if ((r = hln__qlayer_of(a, &names[0], used[0], (uint32_t)p->a, &qa, err)) != HLN_OK ||
            (r = hln__qlayer_of(b, &names[1], used[1], (uint32_t)p->b, &qb, err)) != HLN_OK) goto done;
        r = hln__pair_error(a, (uint32_t)p->a, &qa, b, (uint32_t)p->b, &qb, fit[i] == 2, &e, err);
        if (r == HLN_ERR_NOMEM || r == HLN_ERR_IO) goto done;   /* out of memory, a file that changed */
        done += (qa.kind ? qa.bytes : a->tensors[p->a].n_bytes) + (qb.kind ? qb.bytes : b->tensors[p->b].n_bytes);
        if (r == HLN_OK) {   /* otherwise a side HaoLine cannot decode: not measured */
            hln__quant_error_copy(&d->weights[i], &e);
            hln__k_error_merge(&all, &e);
        }
        r = HLN_OK;
        if (progress) progress(user, done, total);
    }
    d->weights_bytes = done;
    hln_k_error_finish(&all);
    if (all.count) hln__quant_error_copy(&d->weights_total, &all);
done:
    if (used[0]) hln_strmap_free(&names[0]);
    if (used[1]) hln_strmap_free(&names[1]);
    return r;
}
#undef HLN__PAIR_CHUNK
#endif
#undef HLN__T
#undef HLN__N
/* ---- end of compare and diff ---- */

/* ---- analysis: conversion ----
   (declarations and the paths: see "analysis: conversion" above) */
#ifdef HAOLINE_KERNELS_H
static const hln_convert_path hln__convert_paths[] = {
    { HLN_FORMAT_SAFETENSORS, HLN_FORMAT_GGUF, HLN_CONVERT_FULL,
      "tensors (F32/F16/BF16 bytes as they are, or --type), llama-family names and RoPE order (llama, mistral, "
      "mixtral, qwen2, qwen3, qwen2_moe, phi3, gemma, gemma2, gemma3_text; experts stacked, Gemma norms + 1), config.json "
      "architecture metadata, tokenizer.json BPE vocabulary, merges and special ids (or tokenizer.model pieces)",
      "__metadata__ goes to safetensors.* keys; other architectures keep their names (--keep-names); "
      "the pre-tokenizer name and the chat template are not read; rope_scaling only for phi3 (longrope) and Gemma 3 (linear)" },
    { HLN_FORMAT_GGUF, HLN_FORMAT_SAFETENSORS, HLN_CONVERT_LOSSY,
      "tensors (dequantized to --dtype), llama-family names back, scalar metadata as __metadata__ text, "
      "a config.json beside",
      "quantized values are widened (the file grows; the values are the dequantized ones); metadata "
      "arrays (the tokenizer) are not kept; non-string types become text" },
    { HLN_FORMAT_ONNX, HLN_FORMAT_SAFETENSORS, HLN_CONVERT_LOSSY,
      "initializers and Constant-node tensors, bytes as stored (external data followed)",
      "the graph, string tensors and sparse tensors are not kept" },
    { HLN_FORMAT_GGUF, HLN_FORMAT_GGUF, HLN_CONVERT_FULL, "everything (requantization with --type is lossy)", "" },
    { HLN_FORMAT_SAFETENSORS, HLN_FORMAT_SAFETENSORS, HLN_CONVERT_FULL,
      "everything (narrowing with --dtype is lossy)", "" },
    { HLN_FORMAT_ONNX, HLN_FORMAT_GGUF, HLN_CONVERT_LOSSY, "initializers as GGUF tensors under their ONNX names",
      "the graph; no architecture metadata, so llama.cpp cannot run it" },
    { HLN_FORMAT_TFLITE, HLN_FORMAT_SAFETENSORS, HLN_CONVERT_LOSSY, "buffers of tensors with a float or int type",
      "the graph and quantization parameters" },
    { HLN_FORMAT_GGUF, HLN_FORMAT_ONNX, HLN_CONVERT_NONE, "", "no ONNX writer: weights alone are not a graph" },
    { HLN_FORMAT_SAFETENSORS, HLN_FORMAT_ONNX, HLN_CONVERT_NONE, "", "no ONNX writer: weights alone are not a graph" },
    { HLN_FORMAT_ONNX, HLN_FORMAT_ONNX, HLN_CONVERT_FULL,
      "the model byte for byte except the changed tensors: --dtype F16 stores the main graph's float32 initializers and "
      "Constant values as float16 with a Cast back to float32 (lossy), --external-data FILE moves initializers of 1 KiB "
      "or more out, and without it external data comes inline",
      "float32 tensors of subgraphs and attributes stay float32; the graph computes in float32 as before" },
};
HLN_DEF const hln_convert_path *hln_convert_paths(uint32_t *n) {
    *n = (uint32_t)(sizeof hln__convert_paths / sizeof hln__convert_paths[0]);
    return hln__convert_paths;
}

/* ---- recipes ----
   Which tensors a mixture keeps at higher precision, after llama.cpp's llama_tensor_get_type
   (src/llama-quant.cpp): attn_v and ffn_down get more bits in the layers use_more_bits picks
   (the first and last eighth and every third in between), output gets Q6_K. */
typedef struct hln__recipe {
    const char *name;
    hln_dtype   base, output, token_embd;
    hln_dtype   attn_v, ffn_down;      /* in the layers `rule` picks, else base */
    int         rule;                  /* 0 never, 1 use_more_bits, 2 first 4 layers / first n/8,
                                          3 first 2 layers / first n/16 (attn_v / ffn_down), 4 all */
    hln_dtype   attn_v_else, ffn_down_else, attn_output;   /* UNKNOWN: base */
} hln__recipe;
static const hln__recipe hln__recipes[] = {
    { "Q4_K_M", HLN_DTYPE_Q4_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q4_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q6_K, 1,
      HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN },
    { "Q4_K_S", HLN_DTYPE_Q4_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q4_K, HLN_DTYPE_Q5_K, HLN_DTYPE_Q5_K, 2,
      HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN },
    { "Q5_K_M", HLN_DTYPE_Q5_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q5_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q6_K, 1,
      HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN },
    { "Q3_K_M", HLN_DTYPE_Q3_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q3_K, HLN_DTYPE_Q5_K, HLN_DTYPE_Q5_K, 3,
      HLN_DTYPE_Q4_K, HLN_DTYPE_Q4_K, HLN_DTYPE_Q4_K },
    { "Q2_K", HLN_DTYPE_Q2_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q2_K, HLN_DTYPE_Q3_K, HLN_DTYPE_Q3_K, 4,
      HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN },
    { "Q6_K", HLN_DTYPE_Q6_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q6_K, HLN_DTYPE_Q6_K, 0,
      HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN },
    { "Q8_0", HLN_DTYPE_Q8_0, HLN_DTYPE_Q8_0, HLN_DTYPE_Q8_0, HLN_DTYPE_Q8_0, HLN_DTYPE_Q8_0, 0,
      HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN },
    { "TQ2_0", HLN_DTYPE_TQ2_0, HLN_DTYPE_Q4_K, HLN_DTYPE_Q4_K, HLN_DTYPE_TQ2_0, HLN_DTYPE_TQ2_0, 0,
      HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN },
};

static const hln__recipe *hln__recipe_find(const char *name) {
    size_t k;
    for (k = 0; name && k < sizeof hln__recipes / sizeof hln__recipes[0]; k++)
        if (strcmp(hln__recipes[k].name, name) == 0) return &hln__recipes[k];
    return NULL;
}
/* A plain type name the kernels quantize (or F32/F16/BF16). */
static hln_dtype hln__recipe_plain(const char *name) {
    hln_dtype t = name ? hln_dtype_from_name(name) : HLN_DTYPE_UNKNOWN;
    const hln_dtype_info *d = hln_dtype_get(t);
    const hln_k_type_traits *tr;
    if (t == HLN_DTYPE_UNKNOWN || d->ggml_id < 0) return HLN_DTYPE_UNKNOWN;
    tr = hln_k_traits((hln_k_type)d->ggml_id);
    return tr && (tr->can_quantize || t == HLN_DTYPE_F32) ? t : HLN_DTYPE_UNKNOWN;
}
HLN_DEF int hln_convert_recipe_known(const char *recipe) {
    return hln__recipe_find(recipe) != NULL || hln__recipe_plain(recipe) != HLN_DTYPE_UNKNOWN;
}

static int hln__use_more_bits(int64_t i, int64_t n) {
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
}
/* Rows that are not whole blocks of t: Q8_0 when whole 32-blocks, else F16 (F32 for F32). */
static hln_dtype hln__fit_type(hln_dtype t, int64_t cols) {
    const hln_dtype_info *d = hln_dtype_get(t);
    if (cols % d->block_size == 0) return t;
    if (cols % 32 == 0) return HLN_DTYPE_Q8_0;
    return HLN_DTYPE_F16;
}
static int hln__role_is(const char *gguf_name, const char *role) {
    const char *p = gguf_name, *dot;
    size_t n = strlen(role);
    if (strncmp(p, "blk.", 4) == 0 && (p = strchr(p + 4, '.')) != NULL) p++;
    else p = gguf_name;
    dot = strrchr(p, '.');
    return strncmp(p, role, n) == 0 && (p[n] == '.' || p[n] == 0) && dot == p + n;
}

HLN_DEF hln_dtype hln_convert_recipe_type(const char *recipe, const char *gguf_name, int64_t layer,
                                          int64_t n_layer, int64_t n_gqa, uint32_t n_dims, int64_t cols) {
    const hln__recipe *r = hln__recipe_find(recipe);
    hln_dtype t;
    if (!r) {
        t = hln__recipe_plain(recipe);
        if (t == HLN_DTYPE_UNKNOWN) return t;
        return n_dims < 2 ? HLN_DTYPE_F32 : hln__fit_type(t, cols);
    }
    if (n_dims < 2) return HLN_DTYPE_F32;
    t = r->base;
    if (hln__role_is(gguf_name, "output")) t = r->output;
    else if (hln__role_is(gguf_name, "token_embd")) t = r->token_embd;
    else if (hln__role_is(gguf_name, "attn_output") && r->attn_output != HLN_DTYPE_UNKNOWN) t = r->attn_output;
    else if (layer >= 0 && (hln__role_is(gguf_name, "attn_v") || hln__role_is(gguf_name, "ffn_down") ||
                            hln__role_is(gguf_name, "ffn_down_exps"))) {   /* llama.cpp matches "ffn_down" anywhere */
        int v = hln__role_is(gguf_name, "attn_v"), pick;
        if (n_layer <= 0) n_layer = layer + 1;
        switch (r->rule) {
        case 1: pick = hln__use_more_bits(layer, n_layer); break;
        case 2: pick = v ? layer < 4 : layer < n_layer / 8; break;
        case 3: pick = v ? layer < 2 : layer < n_layer / 16; break;
        case 4: pick = 1; break;
        default: pick = 0; break;
        }
        if (pick) t = v ? r->attn_v : r->ffn_down;
        else if (v && r->attn_v_else != HLN_DTYPE_UNKNOWN) t = r->attn_v_else;
        else if (!v && r->ffn_down_else != HLN_DTYPE_UNKNOWN) t = r->ffn_down_else;
        if (v && r->rule == 4 && n_gqa >= 4) t = HLN_DTYPE_Q4_K;   /* Q2_K: grouped-query V is small */
    }
    return hln__fit_type(t, cols);
}

/* '*' any run, '?' one byte; iterative with one backtrack point. */
static int hln__glob(const char *pat, size_t pn, const char *s) {
    size_t p = 0, star = (size_t)-1;
    const char *mark = NULL;
    while (*s) {
        if (p < pn && (pat[p] == '?' || pat[p] == *s)) { p++; s++; }
        else if (p < pn && pat[p] == '*') { star = p++; mark = s; }
        else if (star != (size_t)-1) { p = star + 1; s = ++mark; }
        else return 0;
    }
    while (p < pn && pat[p] == '*') p++;
    return p == pn;
}

/* ---- config.json / tokenizer.json ---- */
typedef struct hln__cfg {
    const char *model_type;
    int64_t n_layer, n_head, n_head_kv, n_embd, head_dim, n_ff, n_ctx, n_vocab, n_expert, n_expert_used;
    int64_t bos, eos;
    int64_t n_ff_exp, n_ff_shexp, n_ctx_orig;   /* Qwen2-MoE expert widths; phi3's original context */
    int64_t sliding_window, swa_pattern;        /* Gemma 2/3: window, every swa_pattern-th layer global */
    int64_t n_rope_factors;                     /* phi3 longrope: long_factor / short_factor lengths */
    float  *rope_long, *rope_short;             /* in the config's arena */
    double  rope_theta, norm_eps, attn_softcap, final_softcap, rope_factor, partial_rotary;
    int     has_rope_theta, has_norm_eps, has_rope_scaling, has_attn_softcap, has_final_softcap;
    char    rope_type[16];                      /* rope_scaling's rope_type (or type), "" when none */
} hln__cfg;

/* A JSON number as a double, locale-independent: 19 significant digits, then the exponent. */
static int hln__json_f64(const hln_json *j, uint32_t t, double *out) {
    const char *p, *e;
    uint64_t mant = 0;
    int64_t exp10 = 0, x = 0;
    int neg = 0, digits = 0, eneg = 0;
    double v, scale = 1, base = 10;
    if (!t || j->tok[t].type != HLN_JSON_NUMBER) return 0;
    p = j->text + j->tok[t].start;
    e = j->text + j->tok[t].end;
    if (*p == '-') { neg = 1; p++; }
    for (; p < e && *p >= '0' && *p <= '9'; p++) {
        if (digits < 19) { mant = mant * 10 + (uint64_t)(*p - '0'); if (mant) digits++; } else exp10++;
    }
    if (p < e && *p == '.')
        for (p++; p < e && *p >= '0' && *p <= '9'; p++)
            if (digits < 19) { mant = mant * 10 + (uint64_t)(*p - '0'); exp10--; if (mant) digits++; }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (*p == '-' || *p == '+') eneg = *p++ == '-';
        for (; p < e && *p >= '0' && *p <= '9'; p++) if (x < 100000) x = x * 10 + (*p - '0');
    }
    exp10 += eneg ? -x : x;
    if (exp10 < -400) exp10 = -400;
    if (exp10 > 400) exp10 = 400;
    for (x = exp10 < 0 ? -exp10 : exp10; x; x >>= 1, base *= base) if (x & 1) scale *= base;
    v = exp10 < 0 ? (double)mant / scale : (double)mant * scale;
    *out = neg ? -v : v;
    return 1;
}

/* An integer field of the config (or of text_config): 0 absent, 1 read, -1 bad (err set). */
static int hln__cfg_int(hln_json *j, uint32_t root, uint32_t alt, const char *key, int64_t *out, hln_error *err) {
    uint32_t v = hln_json_find(j, root, key);
    uint64_t x;
    if (!v && alt) v = hln_json_find(j, alt, key);
    if (!v || j->tok[v].type == HLN_JSON_LITERAL) return 0;   /* null: absent */
    if (hln_json_u64(j, v, &x, "config", key) != HLN_OK) return -1;
    if (x > HLN_CONVERT_MAX_DIM) {
        hln_error_set(err, HLN_ERR_LIMIT, j->base + j->tok[v].start, "config",
                      "%s is %llu, more than HLN_CONVERT_MAX_DIM (%d)", key, (unsigned long long)x, HLN_CONVERT_MAX_DIM);
        return -1;
    }
    *out = (int64_t)x;
    return 1;
}
static int hln__cfg_f64(hln_json *j, uint32_t root, uint32_t alt, const char *key, double *out, hln_error *err) {
    uint32_t v = hln_json_find(j, root, key);
    if (!v && alt) v = hln_json_find(j, alt, key);
    if (!v || j->tok[v].type == HLN_JSON_LITERAL) return 0;
    if (!hln__json_f64(j, v, out) || !(*out > 0) || *out > 1e30) {
        hln_error_set(err, HLN_ERR_RANGE, j->base + j->tok[v].start, "config", "%s must be a positive number", key);
        return -1;
    }
    return 1;
}

static hln_result hln__json_open(hln_json *j, const hln_allocator *a, const char *text, uint64_t len,
                                 const char *label, hln_error *err) {
    if (!hln_utf8_valid((const uint8_t *)text, len))
        return hln_error_set(err, HLN_ERR_UTF8, 0, label, "%s is not valid UTF-8", label);
    HLN_ASSERT(label);
    return hln_json_parse(j, a, text, len, 1u << 30, 0, label, err);
}

/* A key twice in an object is an error (readers disagree on which one wins). */
static hln_result hln__json_unique_keys(hln_json *j, uint32_t obj, hln_error *err) {
    uint32_t a, b, ka, kb;
    if (j->tok[obj].size > 4096)
        return hln_error_set(err, HLN_ERR_LIMIT, j->base + j->tok[obj].start, j->label, "more than 4096 keys in one object");
    for (a = 0, ka = obj + 1; a < j->tok[obj].size; a++, ka = j->tok[ka + 1].next)
        for (b = a + 1, kb = j->tok[ka + 1].next; b < j->tok[obj].size; b++, kb = j->tok[kb + 1].next) {
            const hln_json_tok *x = &j->tok[ka], *y = &j->tok[kb];
            if (x->end - x->start == y->end - y->start && !x->escaped && !y->escaped &&
                memcmp(j->text + x->start, j->text + y->start, x->end - x->start) == 0)
                return hln_error_set(err, HLN_ERR_DUPLICATE, j->base + y->start, j->label, "key '%.*s' appears twice",
                                     (int)(y->end - y->start > 80 ? 80 : y->end - y->start), j->text + y->start);
        }
    return HLN_OK;
}

/* rope_scaling's long_factor and short_factor (phi3 longrope): number arrays of one length. */
static hln_result hln__cfg_factors(hln_json *j, uint32_t rs, hln_arena *a, hln__cfg *c, hln_error *err) {
    uint32_t v[2], k, e, i;
    float *out[2];
    double x;
    v[0] = hln_json_find(j, rs, "long_factor");
    v[1] = hln_json_find(j, rs, "short_factor");
    if (!v[0] && !v[1]) return HLN_OK;
    if (!v[0] || !v[1] || j->tok[v[0]].type != HLN_JSON_ARRAY || j->tok[v[1]].type != HLN_JSON_ARRAY ||
        j->tok[v[0]].size != j->tok[v[1]].size || !j->tok[v[0]].size || j->tok[v[0]].size > HLN_CONVERT_MAX_DIM)
        return hln_error_set(err, HLN_ERR_RANGE, j->base + j->tok[rs].start, "config",
                             "rope_scaling needs long_factor and short_factor arrays of one length");
    for (k = 0; k < 2; k++) {
        if (!(out[k] = (float *)hln_arena_array(a, j->tok[v[k]].size, sizeof *out[k])))
            return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
        for (i = 0, e = v[k] + 1; i < j->tok[v[k]].size; i++, e = j->tok[e].next)
            if (!hln__json_f64(j, e, &x) || !(x > 0) || x > 1e30)
                return hln_error_set(err, HLN_ERR_RANGE, j->base + j->tok[e].start, "config",
                                     "rope_scaling %s[%u] must be a positive number", k ? "short_factor" : "long_factor", (unsigned)i);
            else out[k][i] = (float)x;
    }
    c->rope_long = out[0];
    c->rope_short = out[1];
    c->n_rope_factors = j->tok[v[0]].size;
    return HLN_OK;
}

static hln_result hln__cfg_read(const hln_model *src, const hln_convert_options *o, hln_arena *a, hln__cfg *c,
                                hln_error *err) {
    hln_json j;
    uint32_t text;
    hln_result r;
    int bad = 0;
    const char *const ints[] = { "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "hidden_size",
                                 "head_dim", "intermediate_size", "max_position_embeddings", "vocab_size",
                                 "num_local_experts", "num_experts_per_tok", "bos_token_id", "eos_token_id",
                                 "num_experts", "moe_intermediate_size", "shared_expert_intermediate_size",
                                 "original_max_position_embeddings", "sliding_window", "sliding_window_pattern" };
    int64_t *dst[18], n_experts = -1;
    size_t k;
    memset(c, 0, sizeof *c);
    c->n_layer = c->n_head = c->n_head_kv = c->n_embd = c->head_dim = c->n_ff = c->n_ctx = c->n_vocab = -1;
    c->n_expert = c->n_expert_used = c->bos = c->eos = c->n_ff_exp = c->n_ff_shexp = c->n_ctx_orig = -1;
    c->sliding_window = c->swa_pattern = -1;
    if (!o->config_json) {
        c->model_type = src->hp.arch;
        return HLN_OK;
    }
    if ((r = hln__json_open(&j, &a->allocator, o->config_json, o->config_json_len, "config", err)) != HLN_OK) return r;
    if (j.tok[0].type != HLN_JSON_OBJECT) {
        hln_json_free(&j);
        return hln_error_set(err, HLN_ERR_TYPE, 0, "config", "config.json is not a JSON object");
    }
    if ((r = hln__json_unique_keys(&j, 0, err)) != HLN_OK) { hln_json_free(&j); return r; }
    text = hln_json_find(&j, 0, "text_config");
    if (text && j.tok[text].type != HLN_JSON_OBJECT) text = 0;
    dst[0] = &c->n_layer; dst[1] = &c->n_head; dst[2] = &c->n_head_kv; dst[3] = &c->n_embd; dst[4] = &c->head_dim;
    dst[5] = &c->n_ff; dst[6] = &c->n_ctx; dst[7] = &c->n_vocab; dst[8] = &c->n_expert; dst[9] = &c->n_expert_used;
    dst[10] = &c->bos; dst[11] = &c->eos; dst[12] = &n_experts; dst[13] = &c->n_ff_exp; dst[14] = &c->n_ff_shexp;
    dst[15] = &c->n_ctx_orig; dst[16] = &c->sliding_window; dst[17] = &c->swa_pattern;
    for (k = 0; k < 18 && !bad; k++) {
        uint32_t v = hln_json_find(&j, 0, ints[k]);
        if (k == 11 && v && j.tok[v].type == HLN_JSON_ARRAY) continue;   /* several eos ids: tokenizer_config's */
        bad = hln__cfg_int(&j, 0, text, ints[k], dst[k], err) < 0;
    }
    if (!bad) {
        int n = hln__cfg_f64(&j, 0, text, "rope_theta", &c->rope_theta, err);
        bad = n < 0;
        c->has_rope_theta = n > 0;
    }
    if (!bad) {
        int n = hln__cfg_f64(&j, 0, text, "rms_norm_eps", &c->norm_eps, err);
        bad = n < 0;
        c->has_norm_eps = n > 0;
    }
    if (!bad) {   /* Gemma 2's logit soft-capping */
        int n = hln__cfg_f64(&j, 0, text, "attn_logit_softcapping", &c->attn_softcap, err);
        c->has_attn_softcap = n > 0;
        if (n >= 0) {
            n = hln__cfg_f64(&j, 0, text, "final_logit_softcapping", &c->final_softcap, err);
            c->has_final_softcap = n > 0;
        }
        bad = n < 0;
    }
    if (c->n_expert < 0) c->n_expert = n_experts;   /* Qwen2-MoE's name for it */
    if (!bad) {
        uint32_t v = hln_json_find(&j, 0, "rope_scaling"), t;
        if (!v && text) v = hln_json_find(&j, text, "rope_scaling");
        c->has_rope_scaling = v && j.tok[v].type != HLN_JSON_LITERAL;
        if (c->has_rope_scaling && j.tok[v].type == HLN_JSON_OBJECT) {
            if (!(t = hln_json_find(&j, v, "rope_type"))) t = hln_json_find(&j, v, "type");
            if (t && j.tok[t].type == HLN_JSON_STRING && !j.tok[t].escaped && j.tok[t].end - j.tok[t].start < sizeof c->rope_type)
                memcpy(c->rope_type, j.text + j.tok[t].start, j.tok[t].end - j.tok[t].start);
            bad = hln__cfg_f64(&j, v, 0, "factor", &c->rope_factor, err) < 0 ||
                  hln__cfg_factors(&j, v, a, c, err) != HLN_OK;
        }
    }
    if (!bad) {
        int n = hln__cfg_f64(&j, 0, text, "partial_rotary_factor", &c->partial_rotary, err);
        bad = n < 0 || (n > 0 && c->partial_rotary > 1);
        if (bad && n > 0) hln_error_set(err, HLN_ERR_RANGE, 0, "config", "partial_rotary_factor is more than 1");
        if (n == 0) c->partial_rotary = 1;
    }
    if (!bad) {
        uint32_t v = hln_json_find(&j, 0, "model_type");
        hln_str s;
        if (v && j.tok[v].type == HLN_JSON_STRING && hln_json_str(&j, v, a, &s, "config.model_type") == HLN_OK) c->model_type = s.ptr;
    }
    hln_json_free(&j);
    if (bad) return err->code ? err->code : HLN_ERR_SYNTAX;
    if (c->n_head == 0 || c->n_head_kv == 0 || c->n_layer == 0 || c->n_embd == 0)
        return hln_error_set(err, HLN_ERR_RANGE, 0, "config", "config.json gives a zero layer, head or width count");
    if (c->n_head_kv < 0) c->n_head_kv = c->n_head;
    if (c->n_head > 0 && c->n_head % c->n_head_kv != 0)
        return hln_error_set(err, HLN_ERR_RANGE, 0, "config",
                             "num_attention_heads (%lld) is not a multiple of num_key_value_heads (%lld)",
                             (long long)c->n_head, (long long)c->n_head_kv);
    if (c->head_dim < 0 && c->n_head > 0) {
        if (c->n_embd < 0 || c->n_embd % c->n_head != 0)
            return hln_error_set(err, HLN_ERR_RANGE, 0, "config", "hidden_size (%lld) is not a multiple of num_attention_heads (%lld)",
                                 (long long)c->n_embd, (long long)c->n_head);
        c->head_dim = c->n_embd / c->n_head;
    }
    if (c->n_expert > HLN_CONVERT_MAX_EXPERTS || (c->n_expert_used > 0 && c->n_expert_used > c->n_expert))
        return hln_error_set(err, HLN_ERR_RANGE, 0, "config", "%lld experts with %lld used per token (at most %d experts)",
                             (long long)c->n_expert, (long long)c->n_expert_used, HLN_CONVERT_MAX_EXPERTS);
    if (c->head_dim == 0 || (c->head_dim > 0 && c->head_dim % 2 != 0))
        return hln_error_set(err, HLN_ERR_RANGE, 0, "config", "head_dim %lld cannot hold rotary pairs", (long long)c->head_dim);
    return HLN_OK;
}

/* ---- building metadata in the out model ---- */
typedef struct hln__kvb { hln_model *m; uint32_t cap; int nomem; } hln__kvb;
static hln_kv *hln__kv_add(hln__kvb *b, const char *key, hln_kv_type type) {
    hln_kv *kv;
    if (b->m->n_kv == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : 64;
        hln_kv *grown = (hln_kv *)hln_arena_array(&b->m->arena, cap, sizeof *grown);
        if (!grown) { b->nomem = 1; return NULL; }
        if (b->m->n_kv) memcpy(grown, b->m->kv, b->m->n_kv * sizeof *grown);
        b->m->kv = grown;
        b->cap = cap;
    }
    kv = &b->m->kv[b->m->n_kv++];
    memset(kv, 0, sizeof *kv);
    kv->key = hln_arena_strndup(&b->m->arena, key, strlen(key));
    kv->type = type;
    if (!kv->key) { b->nomem = 1; b->m->n_kv--; return NULL; }
    return kv;
}
static void hln__kv_u32(hln__kvb *b, const char *key, int64_t v) {
    hln_kv *kv;
    if (v < 0 || v > (int64_t)UINT32_MAX || !(kv = hln__kv_add(b, key, HLN_KV_U32))) return;
    kv->v.u = (uint64_t)v;
}
static void hln__kv_f32(hln__kvb *b, const char *key, double v) {
    hln_kv *kv = hln__kv_add(b, key, HLN_KV_F32);
    if (kv) kv->v.f = (double)(float)v;
}
static void hln__kv_str(hln__kvb *b, const char *key, const char *s, size_t n) {
    hln_kv *kv = hln__kv_add(b, key, HLN_KV_STRING);
    if (!kv) return;
    kv->v.s.ptr = hln_arena_strndup(&b->m->arena, s, n);
    kv->v.s.len = n;
    if (!kv->v.s.ptr) b->nomem = 1;
}
static void hln__kv_bool(hln__kvb *b, const char *key, int v) {
    hln_kv *kv = hln__kv_add(b, key, HLN_KV_BOOL);
    if (kv) kv->v.u = v ? 1 : 0;
}
/* "{arch}.suffix" */
static const char *hln__arch_key(char *buf, size_t cap, const char *arch, const char *suffix) {
    snprintf(buf, cap, "%s.%s", arch, suffix);
    return buf;
}

/* ---- tokenizer.json (BPE) -> GGUF arrays ---- */
typedef struct hln__bpe_vocab {
    hln_str  *tok;        /* by id */
    uint8_t  *type;       /* GGUF token types: 1 normal, 3 control, 4 user-defined, 5 unused */
    uint32_t  n;
    uint32_t *slot;       /* hash of token text -> id + 1 */
    uint32_t  mask;
} hln__bpe_vocab;

static uint32_t hln__bpe_hash(const char *s, uint64_t n) {
    uint64_t h = 14695981039346656037ull, i;
    for (i = 0; i < n; i++) { h ^= (uint8_t)s[i]; h *= 1099511628211ull; }
    return (uint32_t)(h ^ (h >> 32));
}
static int64_t hln__bpe_find(const hln__bpe_vocab *v, const char *s, uint64_t n) {
    uint32_t at = hln__bpe_hash(s, n) & v->mask;
    while (v->slot[at]) {
        const hln_str *t = &v->tok[v->slot[at] - 1];
        if (t->len == n && memcmp(t->ptr, s, (size_t)n) == 0) return v->slot[at] - 1;
        at = (at + 1) & v->mask;
    }
    return -1;
}

/* Decoded string token t into the arena. */
static int hln__tok_text(hln_json *j, uint32_t t, hln_arena *a, hln_str *out) {
    return j->tok[t].type == HLN_JSON_STRING && hln_json_str(j, t, a, out, "tokenizer") == HLN_OK;
}

/* Encodes strings as a GGUF STRING array view (u64 length + bytes each). */
static int hln__kv_str_array(hln__kvb *b, const char *key, const hln_str *s, uint64_t n) {
    uint64_t bytes = 0, i, pos = 0;
    uint8_t *d;
    hln_kv *kv;
    for (i = 0; i < n; i++)
        if (hln_add_overflow(bytes, 8 + s[i].len, &bytes)) return 0;
    d = (uint8_t *)hln_arena_array(&b->m->arena, bytes ? bytes : 1, 1);
    if (!d || !(kv = hln__kv_add(b, key, HLN_KV_ARRAY))) { b->nomem = 1; return 0; }
    for (i = 0; i < n; i++) {
        unsigned k;
        for (k = 0; k < 8; k++) d[pos + k] = (uint8_t)(s[i].len >> (8 * k));
        if (s[i].len) memcpy(d + pos + 8, s[i].ptr, (size_t)s[i].len);
        pos += 8 + s[i].len;
    }
    kv->v.a.type = HLN_KV_STRING;
    kv->v.a.count = n;
    kv->v.a.data = d;
    kv->v.a.n_bytes = bytes;
    return 1;
}
static int hln__kv_i32_array(hln__kvb *b, const char *key, const uint8_t *v, uint64_t n) {
    uint8_t *d = (uint8_t *)hln_arena_array(&b->m->arena, n ? n * 4 : 1, 1);
    hln_kv *kv;
    uint64_t i;
    if (!d || !(kv = hln__kv_add(b, key, HLN_KV_ARRAY))) { b->nomem = 1; return 0; }
    for (i = 0; i < n; i++) { d[4 * i] = v[i]; d[4 * i + 1] = d[4 * i + 2] = d[4 * i + 3] = 0; }
    kv->v.a.type = HLN_KV_I32;
    kv->v.a.count = n;
    kv->v.a.data = d;
    kv->v.a.n_bytes = n * 4;
    return 1;
}

/* Places token `s` at `id`; a second token for one id is an error. */
static hln_result hln__bpe_put(hln__bpe_vocab *v, uint64_t id, hln_str s, uint8_t type, hln_error *err) {
    uint32_t at;
    if (id >= v->n) return hln_error_set(err, HLN_ERR_RANGE, 0, "tokenizer", "token id %llu beyond the vocabulary", (unsigned long long)id);
    if (v->tok[id].ptr) {
        if (v->tok[id].len == s.len && memcmp(v->tok[id].ptr, s.ptr, (size_t)s.len) == 0) { v->type[id] = type; return HLN_OK; }
        return hln_error_set(err, HLN_ERR_DUPLICATE, 0, "tokenizer", "token id %llu is given to two tokens", (unsigned long long)id);
    }
    v->tok[id] = s;
    v->type[id] = type;
    at = hln__bpe_hash(s.ptr, s.len) & v->mask;
    while (v->slot[at]) at = (at + 1) & v->mask;
    v->slot[at] = (uint32_t)id + 1;
    return HLN_OK;
}

/* The id of a special token named in tokenizer_config.json ("bos_token": "<s>" or {"content": "<s>"}). */
static int64_t hln__special_id(hln_json *j, const char *key, const hln__bpe_vocab *v, hln_arena *a) {
    uint32_t t = hln_json_find(j, 0, key);
    hln_str s;
    if (t && j->tok[t].type == HLN_JSON_OBJECT) t = hln_json_find(j, t, "content");
    if (!t || !hln__tok_text(j, t, a, &s)) return -1;
    return hln__bpe_find(v, s.ptr, s.len);
}

static hln_result hln__tokenizer(const hln_convert_options *o, const hln__cfg *c, int64_t embd_rows, hln__kvb *b,
                                 hln_arena *scratch, hln_error *err) {
    hln_json j;
    hln_result r;
    uint32_t model, vocab, added, merges, k, t;
    uint64_t max_id = 0, n, cap = 16, n_merges = 0;
    hln__bpe_vocab v;
    hln_str *merge_text = NULL;
    hln_arena *a = &b->m->arena;
    memset(&v, 0, sizeof v);
    if ((r = hln__json_open(&j, &a->allocator, o->tokenizer_json, o->tokenizer_json_len, "tokenizer", err)) != HLN_OK) return r;
    model = hln_json_find(&j, 0, "model");
    vocab = model ? hln_json_find(&j, model, "vocab") : 0;
    added = hln_json_find(&j, 0, "added_tokens");
    merges = model ? hln_json_find(&j, model, "merges") : 0;
    if (!model || !hln_json_is(&j, hln_json_find(&j, model, "type"), "BPE") || !vocab || j.tok[vocab].type != HLN_JSON_OBJECT) {
        hln_json_free(&j);
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "tokenizer", "tokenizer.json has no BPE model with a vocab object "
                             "(only BPE tokenizers are converted)");
    }
    if (added && j.tok[added].type != HLN_JSON_ARRAY) added = 0;
    /* ids: the vocab's values and the added tokens' ids, all below the cap */
    for (k = 0, t = vocab + 1; k < j.tok[vocab].size; k++, t = j.tok[t + 1].next) {
        uint64_t id;
        if ((r = hln_json_u64(&j, t + 1, &id, "tokenizer.model.vocab", "a token id")) != HLN_OK) goto done;
        if (id >= HLN_CONVERT_MAX_DIM) { r = hln_error_set(err, HLN_ERR_LIMIT, j.tok[t + 1].start, "tokenizer", "token id %llu beyond HLN_CONVERT_MAX_DIM", (unsigned long long)id); goto done; }
        if (id > max_id) max_id = id;
    }
    for (k = 0, t = added ? added + 1 : 0; added && k < j.tok[added].size; k++, t = j.tok[t].next) {
        uint64_t id;
        uint32_t f = hln_json_find(&j, t, "id");
        if (!f || (r = hln_json_u64(&j, f, &id, "tokenizer.added_tokens", "an added token id")) != HLN_OK) {
            if (!f) r = hln_error_set(err, HLN_ERR_SYNTAX, j.tok[t].start, "tokenizer.added_tokens", "an added token without an id");
            goto done;
        }
        if (id >= HLN_CONVERT_MAX_DIM) { r = hln_error_set(err, HLN_ERR_LIMIT, j.tok[f].start, "tokenizer", "token id %llu beyond HLN_CONVERT_MAX_DIM", (unsigned long long)id); goto done; }
        if (id > max_id) max_id = id;
    }
    n = j.tok[vocab].size || added ? max_id + 1 : 0;
    if (c->n_vocab > 0 && (uint64_t)c->n_vocab > n) n = (uint64_t)c->n_vocab;   /* padded like the embedding */
    if (embd_rows > 0 && n > (uint64_t)embd_rows) {
        r = hln_error_set(err, HLN_ERR_RANGE, 0, "tokenizer", "tokenizer.json has %llu tokens, the embedding %lld rows",
                          (unsigned long long)n, (long long)embd_rows);
        goto done;
    }
    if (embd_rows > 0) n = (uint64_t)embd_rows;
    while (cap < 2 * n + 2) cap <<= 1;
    v.n = (uint32_t)n;
    v.mask = (uint32_t)(cap - 1);
    v.tok = (hln_str *)hln_arena_array(scratch, n ? n : 1, sizeof *v.tok);
    v.type = (uint8_t *)hln_arena_array(scratch, n ? n : 1, 1);
    v.slot = (uint32_t *)hln_arena_array(scratch, cap, sizeof *v.slot);
    if (!v.tok || !v.type || !v.slot) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer", "out of memory"); goto done; }
    for (k = 0, t = vocab + 1; k < j.tok[vocab].size; k++, t = j.tok[t + 1].next) {
        uint64_t id;
        hln_str s;
        hln_json_u64(&j, t + 1, &id, "", NULL);
        if (!hln__tok_text(&j, t, a, &s)) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer", "out of memory"); goto done; }
        if ((r = hln__bpe_put(&v, id, s, 1, err)) != HLN_OK) goto done;
    }
    for (k = 0, t = added ? added + 1 : 0; added && k < j.tok[added].size; k++, t = j.tok[t].next) {
        uint64_t id;
        uint32_t content = hln_json_find(&j, t, "content"), special = hln_json_find(&j, t, "special");
        hln_str s;
        hln_json_u64(&j, hln_json_find(&j, t, "id"), &id, "", NULL);
        if (!content || !hln__tok_text(&j, content, a, &s)) {
            r = hln_error_set(err, HLN_ERR_SYNTAX, j.tok[t].start, "tokenizer.added_tokens", "an added token without content");
            goto done;
        }
        if ((r = hln__bpe_put(&v, id, s, special && j.tok[special].type == HLN_JSON_LITERAL && j.text[j.tok[special].start] == 't'
                                ? 3 : 4, err)) != HLN_OK) goto done;
    }
    for (k = 0; k < v.n; k++) {
        if (v.tok[k].ptr) continue;
        {
            char pad[32];
            int len = snprintf(pad, sizeof pad, "[PAD%" PRIu32 "]", k);
            v.tok[k].ptr = hln_arena_strndup(a, pad, (size_t)len);
            v.tok[k].len = (uint64_t)len;
            v.type[k] = 5;
            if (!v.tok[k].ptr) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer", "out of memory"); goto done; }
        }
    }
    if (merges && j.tok[merges].type == HLN_JSON_ARRAY) {
        merge_text = (hln_str *)hln_arena_array(scratch, j.tok[merges].size ? j.tok[merges].size : 1, sizeof *merge_text);
        if (!merge_text) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer", "out of memory"); goto done; }
        for (k = 0, t = merges + 1; k < j.tok[merges].size; k++, t = j.tok[t].next) {
            hln_str left, right, s;
            char *d;
            if (j.tok[t].type == HLN_JSON_STRING) {   /* "a b" */
                const char *sp;
                if (!hln__tok_text(&j, t, scratch, &s)) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer", "out of memory"); goto done; }
                sp = (const char *)memchr(s.ptr, ' ', (size_t)s.len);
                if (!sp) { r = hln_error_set(err, HLN_ERR_SYNTAX, j.tok[t].start, "tokenizer.model.merges", "merge %" PRIu32 " has no space", k); goto done; }
                left.ptr = s.ptr; left.len = (uint64_t)(sp - s.ptr);
                right.ptr = sp + 1; right.len = s.len - left.len - 1;
            } else if (j.tok[t].type == HLN_JSON_ARRAY && j.tok[t].size == 2) {   /* ["a", "b"] */
                if (!hln__tok_text(&j, t + 1, scratch, &left) || !hln__tok_text(&j, j.tok[t + 1].next, scratch, &right)) {
                    r = hln_error_set(err, HLN_ERR_SYNTAX, j.tok[t].start, "tokenizer.model.merges", "merge %" PRIu32 " is not two strings", k);
                    goto done;
                }
            } else {
                r = hln_error_set(err, HLN_ERR_SYNTAX, j.tok[t].start, "tokenizer.model.merges", "merge %" PRIu32 " is neither \"a b\" nor [a, b]", k);
                goto done;
            }
            if (hln__bpe_find(&v, left.ptr, left.len) < 0 || hln__bpe_find(&v, right.ptr, right.len) < 0) {
                r = hln_error_set(err, HLN_ERR_RANGE, j.tok[t].start, "tokenizer.model.merges",
                                  "merge %" PRIu32 " names a token that is not in the vocabulary", k);
                goto done;
            }
            d = (char *)hln_arena_alloc(a, (size_t)(left.len + right.len + 2));
            if (!d) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer", "out of memory"); goto done; }
            memcpy(d, left.ptr, (size_t)left.len);
            d[left.len] = ' ';
            memcpy(d + left.len + 1, right.ptr, (size_t)right.len);
            merge_text[n_merges].ptr = d;
            merge_text[n_merges++].len = left.len + right.len + 1;
        }
    }
    hln__kv_str(b, "tokenizer.ggml.model", "gpt2", 4);
    hln__kv_str_array(b, "tokenizer.ggml.tokens", v.tok, v.n);
    hln__kv_i32_array(b, "tokenizer.ggml.token_type", v.type, v.n);
    if (merge_text) hln__kv_str_array(b, "tokenizer.ggml.merges", merge_text, n_merges);
    {
        int64_t bos = c->bos, eos = c->eos, pad = -1, unk = -1;
        if (o->tokenizer_config_json) {
            hln_json tc;
            if ((r = hln__json_open(&tc, &a->allocator, o->tokenizer_config_json, o->tokenizer_config_json_len,
                                    "tokenizer_config", err)) != HLN_OK) goto done;
            if (tc.tok[0].type == HLN_JSON_OBJECT) {
                int64_t x;
                uint32_t ab = hln_json_find(&tc, 0, "add_bos_token");
                if ((x = hln__special_id(&tc, "bos_token", &v, scratch)) >= 0) bos = x;
                if ((x = hln__special_id(&tc, "eos_token", &v, scratch)) >= 0) eos = x;
                pad = hln__special_id(&tc, "pad_token", &v, scratch);
                unk = hln__special_id(&tc, "unk_token", &v, scratch);
                if (ab && tc.tok[ab].type == HLN_JSON_LITERAL)
                    hln__kv_bool(b, "tokenizer.ggml.add_bos_token", tc.text[tc.tok[ab].start] == 't');
            }
            hln_json_free(&tc);
        }
        if (bos >= (int64_t)v.n || eos >= (int64_t)v.n) {
            r = hln_error_set(err, HLN_ERR_RANGE, 0, "config", "bos/eos token id beyond the vocabulary");
            goto done;
        }
        hln__kv_u32(b, "tokenizer.ggml.bos_token_id", bos);
        hln__kv_u32(b, "tokenizer.ggml.eos_token_id", eos);
        hln__kv_u32(b, "tokenizer.ggml.padding_token_id", pad);
        hln__kv_u32(b, "tokenizer.ggml.unknown_token_id", unk);
    }
    if (b->nomem) r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer", "out of memory");
done:
    hln_json_free(&j);
    return r;
}

/* ---- tokenizer.model (SentencePiece) -> GGUF arrays ----
   Field numbers from google/sentencepiece src/sentencepiece_model.proto: ModelProto.pieces = 1
   (SentencePiece: piece = 1 string, score = 2 float, type = 3 enum, NORMAL = 1 ... BYTE = 6,
   the numbering GGUF's token_type uses), ModelProto.trainer_spec = 2 (TrainerSpec: unk_id = 40,
   bos_id = 41, eos_id = 42, pad_id = 43; -1: none). Read with the hub's protobuf decoder. */
static hln_result hln__sentencepiece(const hln_convert_options *o, int64_t embd_rows, hln__kvb *b, hln_arena *scratch,
                                     hln_error *err) {
    hln_pb r, sub;
    hln_pb_field f, g;
    hln_result res;
    uint64_t n = 0, k = 0;
    int64_t ids[4] = { -1, -1, -1, -1 };   /* unk, bos, eos, pad */
    hln_str *tok = NULL;
    uint8_t *type = NULL, *scores = NULL;
    hln_kv *kv;
    int pass;
    for (pass = 0; pass < 2; pass++) {
        r.data = o->tokenizer_model;
        r.pos = 0;
        r.end = o->tokenizer_model_len;
        k = 0;
        for (;;) {
            if ((res = hln_pb_next(&r, &f, err)) != HLN_OK) return res;
            if (!f.number) break;
            if (f.number == 2 && f.wire_type == HLN_PB_LEN && pass == 0) {   /* trainer_spec */
                sub = hln_pb_sub(&r, &f);
                for (;;) {
                    if ((res = hln_pb_next(&sub, &g, err)) != HLN_OK) return res;
                    if (!g.number) break;
                    if (g.number >= 40 && g.number <= 43 && g.wire_type == HLN_PB_VARINT)
                        ids[g.number - 40] = (int64_t)(int32_t)(uint32_t)g.value;
                }
            }
            if (f.number != 1 || f.wire_type != HLN_PB_LEN) continue;
            if (pass == 0) { if (++n > HLN_CONVERT_MAX_DIM) return hln_error_set(err, HLN_ERR_LIMIT, f.offset, "tokenizer.model", "more than HLN_CONVERT_MAX_DIM pieces"); continue; }
            sub = hln_pb_sub(&r, &f);
            type[k] = 1;
            for (;;) {
                if ((res = hln_pb_next(&sub, &g, err)) != HLN_OK) return res;
                if (!g.number) break;
                if (g.number == 1 && g.wire_type == HLN_PB_LEN) { tok[k].ptr = (const char *)o->tokenizer_model + g.data_offset; tok[k].len = g.len; }
                else if (g.number == 2 && g.wire_type == HLN_PB_I32) { unsigned q; for (q = 0; q < 4; q++) scores[4 * k + q] = (uint8_t)(g.value >> (8 * q)); }
                else if (g.number == 3 && g.wire_type == HLN_PB_VARINT) {
                    if (g.value < 1 || g.value > 6) return hln_error_set(err, HLN_ERR_RANGE, g.offset, "tokenizer.model", "piece %llu has type %llu", (unsigned long long)k, (unsigned long long)g.value);
                    type[k] = (uint8_t)g.value;
                }
            }
            if (!tok[k].ptr) return hln_error_set(err, HLN_ERR_SYNTAX, f.offset, "tokenizer.model", "piece %llu has no text", (unsigned long long)k);
            k++;
        }
        if (pass == 0) {
            if (n == 0) return hln_error_set(err, HLN_ERR_SYNTAX, 0, "tokenizer.model", "no pieces (not a SentencePiece model)");
            if (embd_rows > 0 && n > (uint64_t)embd_rows)
                return hln_error_set(err, HLN_ERR_RANGE, 0, "tokenizer.model", "%llu pieces, the embedding %lld rows",
                                     (unsigned long long)n, (long long)embd_rows);
            for (k = 0; k < 4; k++)
                if (ids[k] >= (int64_t)n) return hln_error_set(err, HLN_ERR_RANGE, 0, "tokenizer.model", "a special id beyond the pieces");
            tok = (hln_str *)hln_arena_array(scratch, n, sizeof *tok);
            type = (uint8_t *)hln_arena_array(scratch, n, 1);
            scores = (uint8_t *)hln_arena_array(&b->m->arena, n, 4);
            if (!tok || !type || !scores) return hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer.model", "out of memory");
        }
    }
    hln__kv_str(b, "tokenizer.ggml.model", "llama", 5);
    hln__kv_str_array(b, "tokenizer.ggml.tokens", tok, n);
    if ((kv = hln__kv_add(b, "tokenizer.ggml.scores", HLN_KV_ARRAY)) != NULL) {
        kv->v.a.type = HLN_KV_F32;
        kv->v.a.count = n;
        kv->v.a.data = scores;
        kv->v.a.n_bytes = n * 4;
    }
    hln__kv_i32_array(b, "tokenizer.ggml.token_type", type, n);
    hln__kv_u32(b, "tokenizer.ggml.bos_token_id", ids[1]);
    hln__kv_u32(b, "tokenizer.ggml.eos_token_id", ids[2]);
    hln__kv_u32(b, "tokenizer.ggml.unknown_token_id", ids[0]);
    hln__kv_u32(b, "tokenizer.ggml.padding_token_id", ids[3]);
    return b->nomem ? hln_error_set(err, HLN_ERR_NOMEM, 0, "tokenizer.model", "out of memory") : HLN_OK;
}

/* ---- names ---- */
/* The llama-family roles (GGUF spelling) the converter renames; the first table row of each
   is its Hugging Face spelling unless hln__hf_spellings says otherwise for a family. */
static const char *const hln__llama_roles[] = {
    "token_embd", "output_norm", "output", "attn_norm", "attn_q", "attn_k", "attn_v", "attn_output",
    "attn_q_norm", "attn_k_norm", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down", "attn_qkv", "ffn_gate_inp",
    "ffn_gate_shexp", "ffn_up_shexp", "ffn_down_shexp", "ffn_gate_inp_shexp", "post_attention_norm", "post_ffw_norm"
};
/* The Hugging Face families converted to and from GGUF (llama.cpp convert_hf_to_gguf.py:
   Mixtral is written as architecture llama; Q/K rows permuted where LlamaModel.permute
   applies; GemmaModel, Gemma2Model and Gemma3Model add 1 to every *norm.weight and drop the
   tied lm_head). Gemma 3 is its text-only checkpoint (Gemma3ForCausalLM, model_type
   gemma3_text); the multimodal one (model_type gemma3) also holds a vision tower. */
typedef struct hln__hf_arch {
    const char *model_type, *gguf, *hf_class;
    int permute_rope, norm_offset, moe;   /* moe: 1 Mixtral spelling, 2 Qwen2-MoE spelling */
} hln__hf_arch;
static const hln__hf_arch hln__hf_archs[] = {
    { "llama", "llama", "LlamaForCausalLM", 1, 0, 0 },     { "mistral", "llama", "MistralForCausalLM", 1, 0, 0 },
    { "mixtral", "llama", "MixtralForCausalLM", 1, 0, 1 }, { "qwen2", "qwen2", "Qwen2ForCausalLM", 0, 0, 0 },
    { "qwen3", "qwen3", "Qwen3ForCausalLM", 0, 0, 0 },     { "qwen2_moe", "qwen2moe", "Qwen2MoeForCausalLM", 0, 0, 2 },
    { "phi3", "phi3", "Phi3ForCausalLM", 0, 0, 0 },        { "gemma", "gemma", "GemmaForCausalLM", 0, 1, 0 },
    { "gemma2", "gemma2", "Gemma2ForCausalLM", 0, 1, 0 },  { "gemma3_text", "gemma3", "Gemma3ForCausalLM", 0, 1, 0 },
};
#define HLN__N_HF_ARCHS (sizeof hln__hf_archs / sizeof hln__hf_archs[0])
static const hln__hf_arch *hln__hf_arch_by_type(const char *model_type) {
    size_t k;
    for (k = 0; model_type && k < HLN__N_HF_ARCHS; k++) if (strcmp(hln__hf_archs[k].model_type, model_type) == 0) return &hln__hf_archs[k];
    return NULL;
}
/* GGUF architecture -> family: the first row, Mixtral for a llama with experts. */
static const hln__hf_arch *hln__hf_arch_by_gguf(const char *gguf, int has_experts) {
    size_t k;
    if (gguf && strcmp(gguf, "llama") == 0 && has_experts) return hln__hf_arch_by_type("mixtral");
    for (k = 0; gguf && k < HLN__N_HF_ARCHS; k++) if (strcmp(hln__hf_archs[k].gguf, gguf) == 0) return &hln__hf_archs[k];
    return NULL;
}
/* Roles a family spells with another row than the first (tensor_mapping.py's comments). Gemma
   2/3 norm both sides of attention and of the MLP: their post_attention_layernorm is not the
   llama family's ffn_norm. */
static const struct { const char *model_type, *gguf, *hf; } hln__hf_spellings[] = {
    { "phi3", "attn_qkv", "self_attn.qkv_proj" }, { "phi3", "ffn_up", "mlp.gate_up_proj" },
    { "qwen2_moe", "ffn_gate_inp", "mlp.gate" },
    { "gemma2", "ffn_norm", "pre_feedforward_layernorm" }, { "gemma2", "post_attention_norm", "post_attention_layernorm" },
    { "gemma3_text", "ffn_norm", "pre_feedforward_layernorm" }, { "gemma3_text", "post_attention_norm", "post_attention_layernorm" },
};
static const char *hln__hf_spelling(const hln__hf_arch *fam, int role) {
    size_t k;
    for (k = 0; fam && k < sizeof hln__hf_spellings / sizeof hln__hf_spellings[0]; k++)
        if (strcmp(hln__hf_spellings[k].model_type, fam->model_type) == 0 && strcmp(hln__hf_spellings[k].gguf, hln__name_roles[role].gguf) == 0)
            return hln__hf_spellings[k].hf;
    return hln__name_roles[role].hf;
}

/* The other spelling of `name` (to_gguf: HF -> GGUF, else GGUF -> HF) into buf; 0 when the
   name is not a tensor name of the family in the source spelling. *role_out: GGUF role. */
static int hln__rename(const hln__hf_arch *fam, const char *name, int to_gguf, char *buf, size_t cap, const char **role_out,
                       int64_t *layer_out) {
    int64_t layer;
    int role, part;
    const char *g, *suffix, *hf;
    size_t k;
    int n;
    if (!hln_name_role(name, &layer, &role, &part) || part == 2) return 0;
    g = hln_name_role_gguf(role);
    suffix = part ? "bias" : "weight";
    hf = hln__hf_spelling(fam, role);
    for (k = 0; to_gguf && layer >= 0 && fam && k < sizeof hln__hf_spellings / sizeof hln__hf_spellings[0]; k++) {
        /* an HF name the family gives another role than the generic table (Gemma 2's post_attention_layernorm) */
        if (strcmp(hln__hf_spellings[k].model_type, fam->model_type) != 0) continue;
        n = snprintf(buf, cap, "model.layers.%lld.%s.%s", (long long)layer, hln__hf_spellings[k].hf, suffix);
        if (n >= 0 && (size_t)n < cap && strcmp(buf, name) == 0) { g = hln__hf_spellings[k].gguf; hf = hln__hf_spellings[k].hf; break; }
    }
    for (k = 0; k < sizeof hln__llama_roles / sizeof hln__llama_roles[0] && strcmp(hln__llama_roles[k], g) != 0; k++) {}
    if (k == sizeof hln__llama_roles / sizeof hln__llama_roles[0]) return 0;
    /* spell it both ways; the source must be exactly one of them */
    if (layer >= 0) n = snprintf(buf, cap, to_gguf ? "model.layers.%lld.%s.%s" : "blk.%lld.%s.%s", (long long)layer,
                                 to_gguf ? hf : g, suffix);
    else n = snprintf(buf, cap, "%s.%s", to_gguf ? hf : g, suffix);
    if (n < 0 || (size_t)n >= cap || strcmp(buf, name) != 0) return 0;
    if (layer >= 0) n = snprintf(buf, cap, to_gguf ? "blk.%lld.%s.%s" : "model.layers.%lld.%s.%s", (long long)layer,
                                 to_gguf ? g : hf, suffix);
    else n = snprintf(buf, cap, "%s.%s", to_gguf ? g : hf, suffix);
    if (n < 0 || (size_t)n >= cap) return 0;
    *role_out = g;
    *layer_out = layer;
    return 1;
}

/* Routed experts. Hugging Face keeps one matrix per expert, "model.layers.N.<prefix>E.<w>.weight";
   GGUF stacks a layer's experts into one 3-D tensor per projection, expert index first
   ("blk.N.ffn_{gate,down,up}_exps.weight"; convert_hf_to_gguf.py stacks them with torch.stack
   on dim 0). Index 0 gate, 1 down, 2 up. */
static const char *const hln__exps_gguf[3] = { "ffn_gate_exps", "ffn_down_exps", "ffn_up_exps" };
static const char *const hln__exps_hf[2][4] = {
    { "block_sparse_moe.experts.", "w1", "w2", "w3" },         /* Mixtral */
    { "mlp.experts.", "gate_proj", "down_proj", "up_proj" },   /* Qwen2-MoE */
};
/* An HF expert tensor name: 1 with *layer, *expert, *which. */
static int hln__hf_expert(const hln__hf_arch *fam, const char *name, int64_t *layer, int64_t *expert, int *which) {
    const char *rest, *p, *const *sp;
    int64_t e = 0;
    size_t n;
    int k;
    if (!fam || !fam->moe || strncmp(name, "model.layers.", 13) != 0 || (*layer = hln__layer_of(name, &rest)) < 0) return 0;
    sp = hln__exps_hf[fam->moe - 1];
    n = strlen(sp[0]);
    if (strncmp(rest, sp[0], n) != 0) return 0;
    for (p = rest + n; *p >= '0' && *p <= '9' && e < 1000000; p++) e = e * 10 + (*p - '0');
    if (p == rest + n || *p != '.') return 0;
    for (k = 0; k < 3; k++) {
        size_t w = strlen(sp[k + 1]);
        if (strncmp(p + 1, sp[k + 1], w) == 0 && strcmp(p + 1 + w, ".weight") == 0) { *expert = e; *which = k; return 1; }
    }
    return 0;
}
/* A GGUF stacked-expert tensor name: 1 with *layer, *which. */
static int hln__gguf_experts(const char *name, int64_t *layer, int *which) {
    const char *rest;
    int k;
    if (strncmp(name, "blk.", 4) != 0 || (*layer = hln__layer_of(name, &rest)) < 0) return 0;
    for (k = 0; k < 3; k++) {
        size_t w = strlen(hln__exps_gguf[k]);
        if (strncmp(rest, hln__exps_gguf[k], w) == 0 && strcmp(rest + w, ".weight") == 0) { *which = k; return 1; }
    }
    return 0;
}
static int hln__ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The source row that output row r comes from, for Q/K weights of `heads` heads over `rows`:
   llama.cpp's permute (convert_hf_to_gguf.py, LlamaModel.permute) reshapes each head's rows as
   (2, head_dim / 2) and swaps the two axes: GGUF row h*hd + 2i + j is HF row h*hd + j*hd/2 + i. */
static uint64_t hln__permuted_row(uint64_t r, uint64_t rows, uint32_t heads, int to_gguf) {
    uint64_t hd = rows / heads, h = r / hd, w = r % hd, half = hd / 2;
    if (to_gguf) return h * hd + (w % 2) * half + w / 2;
    return h * hd + 2 * (w % half) + w / half;
}

static int hln__float_dtype(hln_dtype t) {
    return t == HLN_DTYPE_F32 || t == HLN_DTYPE_F16 || t == HLN_DTYPE_BF16 || t == HLN_DTYPE_F64;
}

/* Whether the kernels (or the IR's decoders) read values of t. */
static int hln__decodable(hln_dtype t) {
    const hln_dtype_info *d = hln_dtype_get(t);
    if (t == HLN_DTYPE_F64) return 1;
    return d->ggml_id >= 0 && d->kind != HLN_KIND_INT && hln_k_traits((hln_k_type)d->ggml_id) != NULL;
}

/* The out dtype of one tensor. */
static hln_result hln__plan_dtype(hln_convert *c, const hln_tensor *t, const char *out_name, int64_t layer,
                                  int64_t n_layer, int64_t n_gqa, hln_dtype *to, hln_error *err) {
    const hln_convert_options *o = &c->opts;
    int64_t cols = t->n_dims ? t->dims[t->n_dims - 1] : 1;
    uint32_t k;
    *to = t->dtype;
    if (o->recipe && o->to == HLN_FORMAT_GGUF && hln__decodable(t->dtype))
        *to = hln_convert_recipe_type(o->recipe, out_name, layer, n_layer, n_gqa, t->n_dims, cols);
    else if (o->dtype != HLN_DTYPE_UNKNOWN && hln__decodable(t->dtype) &&
             (hln__float_dtype(t->dtype) || o->to != HLN_FORMAT_GGUF))
        *to = o->to == HLN_FORMAT_GGUF && t->n_dims < 2 ? HLN_DTYPE_F32 : o->dtype;
    else if (o->to == HLN_FORMAT_SAFETENSORS && !hln_dtype_get(t->dtype)->st_name)
        *to = HLN_DTYPE_F32;                       /* quantized: widened */
    for (k = 0; k < o->n_keep; k++) {
        const char *eq = strrchr(o->keep[k], '=');
        hln_dtype kt;
        if (!eq) return hln_error_set(err, HLN_ERR_ARG, 0, "keep", "'%.80s' is not GLOB=TYPE", o->keep[k]);
        kt = hln_dtype_from_name(eq + 1);
        if (hln__recipe_plain(eq + 1) == HLN_DTYPE_UNKNOWN)
            return hln_error_set(err, HLN_ERR_ARG, 0, "keep", "'%.80s': not a type HaoLine writes", o->keep[k]);
        if (hln__glob(o->keep[k], (size_t)(eq - o->keep[k]), out_name) && hln__decodable(t->dtype)) *to = kt;
    }
    if (*to != t->dtype) {
        const hln_dtype_info *d = hln_dtype_get(*to);
        if (!hln__decodable(t->dtype))
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "%s values cannot be decoded",
                                 hln_dtype_get(t->dtype)->name);
        if (cols <= 0 || cols % d->block_size != 0)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name,
                                 "rows of %lld are not whole %s blocks", (long long)cols, d->name);
        if (cols > (int64_t)HLN_CONVERT_CHUNK * 16)
            return hln_error_set(err, HLN_ERR_LIMIT, t->file_offset, t->name, "a row of %lld elements is too long to convert",
                                 (long long)cols);
    }
    if (o->to == HLN_FORMAT_GGUF && hln_dtype_get(*to)->ggml_id < 0)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "%s has no GGUF type", hln_dtype_get(*to)->name);
    if (o->to == HLN_FORMAT_SAFETENSORS && !hln_dtype_get(*to)->st_name)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "%s has no SafeTensors dtype",
                             hln_dtype_get(*to)->name);
    return HLN_OK;
}

/* Whether a value of `from` survives as `to` bit for bit. */
static int hln__exact(hln_dtype from, hln_dtype to) {
    if (from == to) return 1;
    if (hln_dtype_get(from)->kind == HLN_KIND_QUANT) return to == HLN_DTYPE_F32;   /* dequantized values are F32 */
    if (to == HLN_DTYPE_F32 || to == HLN_DTYPE_F64) return from == HLN_DTYPE_F16 || from == HLN_DTYPE_BF16 || to == HLN_DTYPE_F64;
    return 0;
}

static void hln__lost(hln_convert *c, const char *what) {
    uint32_t k;
    for (k = 0; k < c->n_lost; k++) if (c->lost[k] == what) return;
    if (c->n_lost < sizeof c->lost / sizeof c->lost[0]) c->lost[c->n_lost++] = what;
}

/* Natural log and square root of x > 0 to double precision (the header needs no libm):
   x = m 2^e with m in [1, 2), ln m = 2 atanh((m - 1) / (m + 1)) by its series; Newton's root. */
static double hln__ln(double x) {
    double z, z2, term, sum = 0;
    int e = 0, k;
    if (!(x > 0) || x > 1e300) return 0;   /* not reached: callers pass context lengths and their ratios */
    while (x >= 2) { x /= 2; e++; }
    while (x < 1) { x *= 2; e--; }
    z = (x - 1) / (x + 1);
    z2 = z * z;
    for (k = 1, term = z; k < 60; k += 2, term *= z2) sum += term / k;
    return 2 * sum + e * 0.69314718055994530942;
}
static double hln__sqrt(double x) {
    double r = x > 1 ? x : 1;
    int k;
    for (k = 0; k < 80; k++) r = 0.5 * (r + x / r);
    return r;
}

/* Rotary dimensions: Phi3MiniModel's int(partial_rotary_factor * hidden_size) // heads when a
   factor below 1 is given, else head_dim. */
static int64_t hln__rope_dims(const hln__cfg *cfg) {
    if (cfg->partial_rotary < 1 && cfg->n_embd > 0 && cfg->n_head > 0)
        return (int64_t)(cfg->partial_rotary * (double)cfg->n_embd) / cfg->n_head;
    return cfg->head_dim;
}

/* Architecture metadata (GGUF out) from the config, checked against the tensors. */
static hln_result hln__arch_kvs(hln_convert *c, const hln__cfg *cfg, hln__kvb *b, hln_error *err) {
    char key[128];
    const char *a = c->arch;
    int gemma = strncmp(a, "gemma", 5) == 0, gemma3 = strcmp(a, "gemma3") == 0;
    hln__kv_str(b, "general.architecture", a, strlen(a));
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "block_count"), cfg->n_layer);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "context_length"), gemma3 && cfg->n_ctx < 0 ? 131072 : cfg->n_ctx);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "embedding_length"), cfg->n_embd);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "feed_forward_length"), cfg->n_ff);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "attention.head_count"), cfg->n_head);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "attention.head_count_kv"), cfg->n_head_kv);
    if (cfg->head_dim > 0 && cfg->n_embd > 0 && cfg->n_head > 0 &&
        (cfg->head_dim * cfg->n_head != cfg->n_embd || gemma)) {   /* the Gemma models write both always */
        hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "attention.key_length"), cfg->head_dim);
        hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "attention.value_length"), cfg->head_dim);
    }
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "rope.dimension_count"), hln__rope_dims(cfg));
    if (cfg->has_rope_theta || gemma3)   /* Gemma3Model's default: 1e6 */
        hln__kv_f32(b, hln__arch_key(key, sizeof key, a, "rope.freq_base"), cfg->has_rope_theta ? cfg->rope_theta : 1e6);
    if (cfg->has_norm_eps) hln__kv_f32(b, hln__arch_key(key, sizeof key, a, "attention.layer_norm_rms_epsilon"), cfg->norm_eps);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "expert_count"), cfg->n_expert);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "expert_used_count"), cfg->n_expert_used);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "expert_feed_forward_length"), cfg->n_ff_exp);
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "expert_shared_feed_forward_length"), cfg->n_ff_shexp);
    if (strcmp(a, "phi3") == 0) {   /* Phi3MiniModel: the window (0: none, Phi-4), longrope's attention factor */
        hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "rope.scaling.original_context_length"), cfg->n_ctx_orig);
        hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "attention.sliding_window"), cfg->sliding_window < 0 ? 0 : cfg->sliding_window);
        if (cfg->n_rope_factors) {
            double scale = (double)cfg->n_ctx / (double)cfg->n_ctx_orig;
            hln__kv_f32(b, hln__arch_key(key, sizeof key, a, "rope.scaling.attn_factor"),
                        scale > 1 ? hln__sqrt(1 + hln__ln(scale) / hln__ln((double)cfg->n_ctx_orig)) : 1.0);
        }
    }
    if (cfg->has_attn_softcap) hln__kv_f32(b, hln__arch_key(key, sizeof key, a, "attn_logit_softcapping"), cfg->attn_softcap);
    if (cfg->has_final_softcap) hln__kv_f32(b, hln__arch_key(key, sizeof key, a, "final_logit_softcapping"), cfg->final_softcap);
    if (gemma && cfg->swa_pattern != 1)   /* Gemma3Model: no window when every layer is global */
        hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "attention.sliding_window"), cfg->sliding_window);
    if (gemma3 && strcmp(cfg->rope_type, "linear") == 0) {
        hln__kv_str(b, hln__arch_key(key, sizeof key, a, "rope.scaling.type"), "linear", 6);
        hln__kv_f32(b, hln__arch_key(key, sizeof key, a, "rope.scaling.factor"), cfg->rope_factor);
    }
    hln__kv_u32(b, hln__arch_key(key, sizeof key, a, "vocab_size"), cfg->n_vocab);
    return b->nomem ? hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory") : HLN_OK;
}

/* phi3's rope_scaling as Phi3MiniModel converts it: longrope (or su) with long_factor and
   short_factor of rope dimensions / 2 values each, and both context lengths. */
static hln_result hln__phi3_longrope(const hln__cfg *cfg, hln_error *err) {
    if (strcmp(cfg->rope_type, "longrope") != 0 && strcmp(cfg->rope_type, "su") != 0)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "config", "phi3 rope_scaling '%s' is not converted (longrope is)", cfg->rope_type);
    if (cfg->n_ctx <= 0 || cfg->n_ctx_orig <= 1)
        return hln_error_set(err, HLN_ERR_ARG, 0, "config", "phi3 longrope needs max_position_embeddings and original_max_position_embeddings");
    if (!cfg->n_rope_factors || cfg->n_rope_factors * 2 != hln__rope_dims(cfg))
        return hln_error_set(err, HLN_ERR_RANGE, 0, "config", "phi3 longrope needs long_factor and short_factor of %lld values "
                             "(rope dimensions / 2), not %lld", (long long)(hln__rope_dims(cfg) / 2), (long long)cfg->n_rope_factors);
    return HLN_OK;
}

/* The views of the two F32 rope factor tensors (rope_factors_long, rope_factors_short) of a phi3
   longrope config, out tensors n and n + 1 (Phi3MiniModel.generate_extra_tensors writes them
   before the model's tensors); hln__plan_one plans them as any other. */
static hln_result hln__rope_factor_views(hln_convert *c, const hln__cfg *cfg, hln_error *err) {
    static const char *const names[2] = { "rope_factors_long.weight", "rope_factors_short.weight" };
    hln_model *m = c->out;
    int k;
    int64_t i;
    for (k = 0; k < 2; k++) {
        hln_tensor *o = &m->tensors[m->n_tensors + (uint32_t)k];
        hln_convert_tensor *ct = &c->tensors[m->n_tensors + (uint32_t)k];
        const float *v = k ? cfg->rope_short : cfg->rope_long;
        uint8_t *bytes = (uint8_t *)hln_arena_alloc(&m->arena, (size_t)cfg->n_rope_factors * 4);
        int64_t *dims = (int64_t *)hln_arena_array(&m->arena, 1, sizeof *dims);
        if (!bytes || !dims) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
        for (i = 0; i < cfg->n_rope_factors; i++) {   /* little-endian, whatever the host */
            uint32_t u;
            memcpy(&u, &v[i], 4);
            bytes[4 * i] = (uint8_t)u; bytes[4 * i + 1] = (uint8_t)(u >> 8); bytes[4 * i + 2] = (uint8_t)(u >> 16); bytes[4 * i + 3] = (uint8_t)(u >> 24);
        }
        dims[0] = cfg->n_rope_factors;
        memset(&ct->view, 0, sizeof ct->view);
        ct->view.name = names[k];
        ct->view.dtype = HLN_DTYPE_F32;
        ct->view.n_dims = 1;
        ct->view.dims = dims;
        ct->view.n_elements = (uint64_t)cfg->n_rope_factors;
        ct->view.n_bytes = (uint64_t)cfg->n_rope_factors * 4;
        ct->view.data = bytes;
        ct->view.file = UINT32_MAX;   /* no file: hln_model_release leaves it alone */
        ct->source = HLN_CONVERT_NO_SOURCE;
        o->name = names[k];
    }
    return HLN_OK;
}

/* A GGUF phi3's rope_factors_long / rope_factors_short (1-D F32): config.json's rope_scaling. */
static int hln__is_rope_factors(const hln_tensor *t) {
    return (strcmp(t->name, "rope_factors_long.weight") == 0 || strcmp(t->name, "rope_factors_short.weight") == 0) &&
           t->dtype == HLN_DTYPE_F32 && t->n_dims == 1 && t->data && t->n_bytes == t->n_elements * 4;
}

/* Q/K rows against the config: heads must tile the rows. */
static hln_result hln__check_heads(const hln_tensor *t, const char *role, const hln__cfg *cfg, hln_error *err) {
    int64_t heads = strcmp(role, "attn_q") == 0 ? cfg->n_head : cfg->n_head_kv;
    if (heads <= 0 || cfg->head_dim <= 0)
        return hln_error_set(err, HLN_ERR_ARG, 0, "config", "%s needs the head counts of config.json", t->name);
    if (t->n_dims != 2 || t->dims[0] != heads * cfg->head_dim)
        return hln_error_set(err, HLN_ERR_RANGE, t->file_offset, t->name,
                             "%lld rows, but config.json says %lld heads of %lld", (long long)(t->n_dims ? t->dims[0] : 0),
                             (long long)heads, (long long)cfg->head_dim);
    return HLN_OK;
}

/* A tensor whose bytes live in a file the loader did not map (ONNX external data): the plan
   maps that file once and points the view into it. */
static hln_result hln__map_external(hln_convert *c, hln_tensor *t, hln_error *err) {
#ifndef HLN_NO_STDIO
    const hln_file *f;
    hln_result r;
    if (t->file >= c->src->n_files || !(f = &c->src->files[t->file])->path)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "tensor bytes are not in memory");
    if (!c->maps && !(c->maps = (hln_mapped *)hln_arena_array(&c->out->arena, c->src->n_files, sizeof *c->maps)))
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if (!c->maps[t->file].data && (r = hln_file_map(f->path, &c->maps[t->file], err)) != HLN_OK) return r;
    if (t->file_offset > c->maps[t->file].size || t->n_bytes > c->maps[t->file].size - t->file_offset)
        return hln_error_set(err, HLN_ERR_TRUNCATED, t->file_offset, t->name, "external data past the end of %.200s", f->path);
    t->data = c->maps[t->file].data + t->file_offset;
    return HLN_OK;
#else
    (void)c;
    return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "tensor bytes are not in memory");
#endif
}

/* Which source tensors a path carries. */
static int hln__carried(const hln_tensor *t) {
    if (t->flags & (HLN_TENSOR_SPARSE | HLN_TENSOR_NESTED | HLN_TENSOR_ATTRIBUTE | HLN_TENSOR_PACKED_SPARSE)) return 0;
    if (t->dtype == HLN_DTYPE_STRING || t->dtype == HLN_DTYPE_UNKNOWN) return 0;
    return 1;
}

/* Source metadata into the out model: GGUF -> GGUF as is; to SafeTensors as text; SafeTensors
   __metadata__ to GGUF under "safetensors.". */
static void hln__carry_kvs(hln_convert *c, hln__kvb *b) {
    const hln_model *s = c->src;
    uint32_t i, dropped = 0;
    for (i = 0; i < s->n_kv; i++) {
        const hln_kv *kv = &s->kv[i];
        char text[64], key[256];
        if (c->opts.to == HLN_FORMAT_GGUF && s->format == HLN_FORMAT_GGUF) {
            hln_kv *d = hln__kv_add(b, kv->key, kv->type);
            if (d) { d->v = kv->v; d->byte_offset = kv->byte_offset; }
            continue;
        }
        if (c->opts.to == HLN_FORMAT_GGUF) {
            if (kv->type != HLN_KV_STRING) continue;
            if (s->format == HLN_FORMAT_SAFETENSORS) snprintf(key, sizeof key, "safetensors.%.200s", kv->key);
            else snprintf(key, sizeof key, "%.250s", kv->key);
            if (!hln_model_find_kv(b->m, key)) hln__kv_str(b, key, kv->v.s.ptr, (size_t)kv->v.s.len);
            continue;
        }
        /* SafeTensors __metadata__ is text */
        if (kv->type == HLN_KV_STRING) { hln__kv_str(b, kv->key, kv->v.s.ptr, (size_t)kv->v.s.len); continue; }
        if (kv->type == HLN_KV_ARRAY) { dropped++; continue; }
        if (kv->type == HLN_KV_F32 || kv->type == HLN_KV_F64) snprintf(text, sizeof text, "%.17g", kv->v.f);
        else if (kv->type == HLN_KV_BOOL) snprintf(text, sizeof text, "%s", kv->v.u ? "true" : "false");
        else if (kv->type == HLN_KV_I8 || kv->type == HLN_KV_I16 || kv->type == HLN_KV_I32 || kv->type == HLN_KV_I64)
            snprintf(text, sizeof text, "%lld", (long long)kv->v.i);
        else snprintf(text, sizeof text, "%llu", (unsigned long long)kv->v.u);
        hln__kv_str(b, kv->key, text, strlen(text));
    }
    if (dropped) hln__lost(c, "metadata arrays (the GGUF tokenizer) are not kept in __metadata__");
    if (c->opts.to == HLN_FORMAT_SAFETENSORS && s->format != HLN_FORMAT_SAFETENSORS && !hln_model_find_kv(b->m, "format"))
        hln__kv_str(b, "format", "pt", 2);   /* transformers' loader asks for it */
}

static int64_t hln__kv_int(const hln_model *m, const char *arch, const char *suffix) {
    char key[128];
    const hln_kv *kv;
    int64_t v;
    snprintf(key, sizeof key, "%s.%s", arch ? arch : "", suffix);
    kv = hln_model_find_kv(m, key);
    return kv && hln_kv_as_i64(kv, &v) ? v : -1;
}

/* ---- importance matrices (--imatrix) ----
   llama.cpp's imatrix tool (tools/imatrix) writes, per weight matrix X it saw, the sum over
   tokens of each input column's squared activation and how many tokens it summed: in its GGUF
   format (general.type "imatrix") as F32 tensors "X.in_sum2" (ggml ne [n_per_row, n_mat]: our
   dims [n_mat, n_per_row], n_mat the experts of a stacked tensor, else 1) and "X.counts"
   (ne [1, n_mat]); in the legacy binary format as int32 n_entries, then per entry int32 name
   length, the name, int32 ncall, int32 nval, nval float32 values (sums / counts * ncall),
   optionally followed by int32 last_call, int32 length, the dataset file name. The importance
   of column j is in_sum2[j] / counts (legacy: value / ncall). */
static int hln__f32_ok(const uint8_t *p, uint64_t n) {
    uint64_t k;
    for (k = 0; k < n; k++) {
        uint32_t u = (uint32_t)p[4 * k] | (uint32_t)p[4 * k + 1] << 8 | (uint32_t)p[4 * k + 2] << 16 | (uint32_t)p[4 * k + 3] << 24;
        if ((u & 0x7f800000u) == 0x7f800000u || ((u >> 31) && (u & 0x7fffffffu))) return 0;   /* inf, NaN, negative */
    }
    return 1;
}

HLN_DEF hln_result hln_convert_imatrix_dat(const hln_allocator *alloc, const void *data, uint64_t size, hln_model **out,
                                           hln_error *err) {
    const uint8_t *p = (const uint8_t *)data;
    uint64_t at = 4, k;
    uint32_t n;
    hln_model *m;
    hln_result r;
    *out = NULL;
    if (size < 4) return hln_error_set(err, HLN_ERR_TRUNCATED, 0, "imatrix", "shorter than its entry count");
    n = hln__le32(p);
    if (n > (1u << 20) || (uint64_t)n * 12 > size) return hln_error_set(err, HLN_ERR_LIMIT, 0, "imatrix", "%u entries in %llu bytes", (unsigned)n, (unsigned long long)size);
    if ((r = hln_model_create(alloc, &m)) != HLN_OK) return hln_error_set(err, r, 0, "imatrix", "out of memory");
    m->format = HLN_FORMAT_UNKNOWN;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, (uint64_t)n * 2 + 1, sizeof *m->tensors);
    if (!m->tensors) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "imatrix", "out of memory"); }
    for (k = 0; k < n; k++) {
        uint32_t len, ncall, nval;
        hln_tensor *s = &m->tensors[m->n_tensors], *c = s + 1;
        int64_t *dims = (int64_t *)hln_arena_array(&m->arena, 4, sizeof *dims);
        float *cnt = (float *)hln_arena_alloc(&m->arena, sizeof *cnt);
        char *name;
        if (4 > size - at || (len = hln__le32(p + at)) == 0 || len > 1024 || (uint64_t)len + 8 > size - at - 4) {
            hln_model_free(m);
            return hln_error_set(err, HLN_ERR_TRUNCATED, at, "imatrix", "entry %llu: a bad name length", (unsigned long long)k);
        }
        at += 4;
        name = (char *)hln_arena_array(&m->arena, len + sizeof ".in_sum2", 1);
        if (!dims || !cnt || !name) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "imatrix", "out of memory"); }
        memcpy(name, p + at, len);
        at += len;
        ncall = hln__le32(p + at);
        nval = hln__le32(p + at + 4);
        at += 8;
        if (nval == 0 || nval > HLN_CONVERT_MAX_DIM || (uint64_t)nval * 4 > size - at) {
            hln_error_set(err, HLN_ERR_TRUNCATED, at, name, "%u values past the end of the imatrix", (unsigned)nval);
            hln_model_free(m);
            return HLN_ERR_TRUNCATED;
        }
        if (!hln__f32_ok(p + at, nval) || ncall > (1u << 30)) {
            hln_error_set(err, HLN_ERR_RANGE, at, name, "values must be finite and not negative");
            hln_model_free(m);
            return HLN_ERR_RANGE;
        }
        *cnt = (float)ncall;
        dims[0] = 1; dims[1] = nval; dims[2] = 1; dims[3] = 1;
        s->dtype = c->dtype = HLN_DTYPE_F32;
        s->n_dims = c->n_dims = 2;
        s->dims = dims; c->dims = dims + 2;
        s->n_elements = nval; s->n_bytes = (uint64_t)nval * 4; s->data = p + at;
        c->n_elements = 1; c->n_bytes = 4;
        {   /* the count as little-endian bytes on any host */
            uint8_t *cb = (uint8_t *)cnt;
            uint32_t u;
            memcpy(&u, cnt, 4);
            cb[0] = (uint8_t)u; cb[1] = (uint8_t)(u >> 8); cb[2] = (uint8_t)(u >> 16); cb[3] = (uint8_t)(u >> 24);
            c->data = cb;
        }
        c->name = hln_arena_strndup(&m->arena, name, len + 7);
        memcpy(name + len, ".in_sum2", sizeof ".in_sum2");
        s->name = name;
        if (!c->name) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "imatrix", "out of memory"); }
        memcpy((char *)c->name + len, ".counts", sizeof ".counts");
        at += (uint64_t)nval * 4;
        m->n_tensors += 2;
    }
    *out = m;
    return HLN_OK;
}

/* The quantizer's weight of column j of matrix e: in_sum2[e][j] / counts[e], the mean squared
   activation that column's weights meet (llama.cpp PR 4861: the error of a dot product with
   uncorrelated inputs is sum_j <a_j^2> (w_j - q_j)^2). A matrix that saw no token (count 0)
   gets weight 1 everywhere: the unweighted bytes. */
static const float *hln__importance(hln_convert *c, const hln_tensor *sums, const hln_tensor *counts, int64_t n_mat, int64_t cols) {
    float *w = (float *)hln_arena_array(&c->out->arena, (uint64_t)(n_mat * cols), sizeof(float));
    int64_t e, j;
    if (!w) return NULL;
    for (e = 0; e < n_mat; e++) {
        uint32_t cu = hln__le32((const uint8_t *)counts->data + 4 * e);
        float cnt;
        memcpy(&cnt, &cu, 4);
        for (j = 0; j < cols; j++) {
            uint32_t u = hln__le32((const uint8_t *)sums->data + 4 * (e * cols + j));
            float v;
            memcpy(&v, &u, 4);
            w[e * cols + j] = cnt > 0.0f ? v / cnt : 1.0f;
            if (!(w[e * cols + j] <= 3.4028235e38f)) w[e * cols + j] = 3.4028235e38f;   /* a huge sum over a tiny count */
        }
    }
    return w;
}

/* Every imatrix entry names a planned out tensor, with one sum per column of each matrix and
   finite, non-negative sums and counts; anything else is an error before output. */
static hln_result hln__check_imatrix(hln_convert *c, const hln_model *im, hln_error *err) {
    uint32_t i;
    for (i = 0; i < im->n_tensors; i++) {
        const hln_tensor *s = &im->tensors[i], *cnt;
        char base[512];
        size_t n = s->name ? strlen(s->name) : 0;
        int64_t o, k, n_mat, cols;
        if (hln__ends_with(s->name ? s->name : "", ".counts")) {
            snprintf(base, sizeof base, "%.*s.in_sum2", (int)(n - 7 < 400 ? n - 7 : 400), s->name);
            if (hln_model_find_tensor(im, base) < 0) return hln_error_set(err, HLN_ERR_RANGE, 0, s->name, "imatrix counts without sums");
            continue;
        }
        if (!hln__ends_with(s->name ? s->name : "", ".in_sum2") || n - 8 >= 400)
            return hln_error_set(err, HLN_ERR_RANGE, 0, s->name ? s->name : "", "not an imatrix tensor (NAME.in_sum2 / NAME.counts)");
        snprintf(base, sizeof base, "%.*s.counts", (int)(n - 8), s->name);
        if ((k = hln_model_find_tensor(im, base)) < 0) return hln_error_set(err, HLN_ERR_RANGE, 0, s->name, "imatrix sums without counts");
        cnt = &im->tensors[k];
        base[n - 8] = 0;
        if ((o = hln_model_find_tensor(c->out, base)) < 0)
            return hln_error_set(err, HLN_ERR_RANGE, 0, s->name, "the imatrix names %s, which is not a tensor of the output", base);
        cols = c->out->tensors[o].n_dims ? c->out->tensors[o].dims[c->out->tensors[o].n_dims - 1] : 1;
        n_mat = c->out->tensors[o].n_dims == 3 ? c->out->tensors[o].dims[0] : 1;
        if (s->dtype != HLN_DTYPE_F32 || cnt->dtype != HLN_DTYPE_F32 || !s->data || !cnt->data || s->n_dims > 2 ||
            (s->n_dims == 2 && (s->dims[0] != n_mat || s->dims[1] != cols)) || (s->n_dims < 2 && n_mat != 1) ||
            s->n_elements != (uint64_t)(cols * n_mat) || cnt->n_elements != (uint64_t)n_mat)
            return hln_error_set(err, HLN_ERR_RANGE, 0, s->name, "%llu sums and %llu counts, but %s has %lld columns x %lld matrices",
                                 (unsigned long long)s->n_elements, (unsigned long long)cnt->n_elements, base, (long long)cols,
                                 (long long)n_mat);
        if (!hln__f32_ok((const uint8_t *)s->data, s->n_elements) || !hln__f32_ok((const uint8_t *)cnt->data, cnt->n_elements))
            return hln_error_set(err, HLN_ERR_RANGE, 0, s->name, "imatrix values must be finite and not negative");
        if (hln_dtype_get(c->out->tensors[o].dtype)->ggml_id < 0 ||
            !hln_k_quantize_uses_weights((hln_k_type)hln_dtype_get(c->out->tensors[o].dtype)->ggml_id)) c->n_imatrix_exact++;
        else if (!(c->tensors[o].importance = hln__importance(c, s, cnt, n_mat, cols)))
            return hln_error_set(err, HLN_ERR_NOMEM, 0, s->name, "out of memory");
        c->n_imatrix++;
    }
    if (c->n_imatrix_exact)
        hln__lost(c, "the imatrix changes no tensor of a type without a search (F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, "
                     "Q8_0): those keep the reference rounding");
    return HLN_OK;
}

/* ---- ONNX -> ONNX ----
   One out tensor per source tensor (hln_onnx_write_from's contract). With dtype F16 the main
   graph's float32 initializers and Constant values become float16 under a new name
   ("<name>_hln_fp16"); the writer's Cast nodes turn them back into float32 under the old
   name, so every op still reads float32 (the weights are stored at half the bytes, the graph
   computes as before); tensors of fewer than HLN_CONVERT_FP16_MIN elements stay float32.
   With external_data, initializers of at least HLN_CONVERT_EXTERNAL_MIN
   bytes go to that file at HLN_CONVERT_EXTERNAL_ALIGN-aligned offsets; without it, external
   data is brought inline. */
static int hln__safe_location(const char *s) {
    const char *p;
    if (!s || !*s || *s == '/' || *s == '\\' || strchr(s, ':')) return 0;
    for (p = s; *p; p++) if (*p == '\\') return 0;
    for (p = s; (p = strstr(p, "..")) != NULL; p += 2)
        if ((p == s || p[-1] == '/') && (p[2] == '/' || p[2] == 0)) return 0;
    return 1;
}
/* The Constant node output holding tensor i in g, or NULL. */
static const char *hln__constant_output(const hln_graph *g, uint32_t i) {
    uint32_t k;
    for (k = 0; k < g->n_nodes; k++) {
        const hln_node *n = &g->nodes[k];
        if (hln__op_is(n, "Constant") && n->n_outputs && n->outputs[0] >= 0 && g->values[n->outputs[0]].tensor == (int32_t)i)
            return g->values[n->outputs[0]].name;
    }
    return NULL;
}
static hln_result hln__plan_onnx(hln_convert *c, uint64_t *buf_elems, hln_error *err) {
    const hln_model *s = c->src;
    const hln_graph *g = s->graph;
    hln_model *m = c->out;
    hln_strmap names;
    uint64_t ext_at = 0, inline_bytes = s->n_files ? s->files[0].size : 0;
    uint32_t i, nested_f32 = 0;
    hln_result r = HLN_OK;
    const char *loc = c->opts.external_data;
    if (s->format != HLN_FORMAT_ONNX || !g)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "ONNX is written from an ONNX model only (weights alone are not a graph)");
    if (c->opts.recipe || (c->opts.dtype != HLN_DTYPE_UNKNOWN && c->opts.dtype != HLN_DTYPE_F16 && c->opts.dtype != HLN_DTYPE_F32))
        return hln_error_set(err, HLN_ERR_ARG, 0, "dtype", "ONNX out: dtype F16 (or F32: as they are), no quantization");
    if (loc && !hln__safe_location(loc))
        return hln_error_set(err, HLN_ERR_PATH, 0, "external_data", "'%.200s' is not a relative path inside the model's folder", loc);
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, s->n_tensors ? s->n_tensors : 1, sizeof *m->tensors);
    c->tensors = (hln_convert_tensor *)hln_arena_array(&m->arena, s->n_tensors ? s->n_tensors : 1, sizeof *c->tensors);
    m->files = (hln_file *)hln_arena_array(&m->arena, 2, sizeof *m->files);
    if (!m->tensors || !c->tensors || !m->files) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    m->n_files = loc ? 2 : 1;
    if (loc && !(m->files[1].path = hln_arena_strndup(&m->arena, loc, strlen(loc)))) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if (!hln_strmap_init(&names, &m->arena.allocator, g->n_values + s->n_tensors + 1))
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < g->n_values; i++) if (g->values[i].name) hln_strmap_put(&names, g->values[i].name, strlen(g->values[i].name), i);
    for (i = 0; i < s->n_tensors; i++) if (s->tensors[i].name) hln_strmap_put(&names, s->tensors[i].name, strlen(s->tensors[i].name), i);
    for (i = 0; i < s->n_tensors && r == HLN_OK; i++) {
        const hln_tensor *t = &s->tensors[i];
        hln_tensor *o = &m->tensors[i];
        hln_convert_tensor *ct = &c->tensors[i];
        int top = !(t->flags & (HLN_TENSOR_NESTED | HLN_TENSOR_ATTRIBUTE | HLN_TENSOR_SPARSE | HLN_TENSOR_PACKED_SPARSE));
        int init = top && i < g->n_initializers && !(t->flags & HLN_TENSOR_CONSTANT);
        int cnst = top && (t->flags & HLN_TENSOR_CONSTANT);
        *o = *t;
        o->flags &= ~HLN_TENSOR_EXTERNAL;
        o->file = 0;
        o->file_offset = 0;
        ct->view = *t;
        ct->source = i;
        ct->from = ct->to = t->dtype;
        m->n_tensors++;
        if (c->opts.dtype == HLN_DTYPE_F16 && t->dtype == HLN_DTYPE_F32 && t->n_elements >= HLN_CONVERT_FP16_MIN) {
            const char *base = init ? t->name : cnst ? hln__constant_output(g, i) : NULL;
            char name[600];
            int n;
            if (!base) { nested_f32++; goto placed; }
            n = snprintf(name, sizeof name, "%s_hln_fp16", base);
            if (n < 0 || (size_t)n >= sizeof name) { r = hln_error_set(err, HLN_ERR_LIMIT, 0, base, "name too long"); break; }
            if (hln_strmap_get(&names, name, (size_t)n) >= 0) {
                r = hln_error_set(err, HLN_ERR_DUPLICATE, 0, base, "the graph already has a value named %s", name);
                break;
            }
            o->name = hln_arena_strndup(&m->arena, name, (size_t)n);
            if (!o->name) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); break; }
            o->dtype = ct->to = HLN_DTYPE_F16;
            o->native_type = hln_dtype_get(HLN_DTYPE_F16)->onnx_id;
            o->n_bytes = t->n_elements * 2;
            ct->lossy = 1;
            c->n_lossy++;
            if (t->n_dims && (uint64_t)t->dims[t->n_dims - 1] > *buf_elems) {
                if ((uint64_t)t->dims[t->n_dims - 1] > (uint64_t)HLN_CONVERT_CHUNK * 16) {
                    r = hln_error_set(err, HLN_ERR_LIMIT, t->file_offset, t->name, "a row of %lld elements is too long to convert",
                                      (long long)t->dims[t->n_dims - 1]);
                    break;
                }
                *buf_elems = (uint64_t)t->dims[t->n_dims - 1];
            }
        }
    placed:
        if (loc && init && o->n_bytes >= HLN_CONVERT_EXTERNAL_MIN) {
            ext_at = (ext_at + HLN_CONVERT_EXTERNAL_ALIGN - 1) / HLN_CONVERT_EXTERNAL_ALIGN * HLN_CONVERT_EXTERNAL_ALIGN;
            o->flags |= HLN_TENSOR_EXTERNAL;
            o->file = 1;
            o->file_offset = ext_at;
            if (hln_add_overflow(ext_at, o->n_bytes, &ext_at)) { r = hln_error_set(err, HLN_ERR_OVERFLOW, 0, "", "external data overflows"); break; }
        } else if (hln_add_overflow(inline_bytes, o->n_bytes, &inline_bytes)) inline_bytes = UINT64_MAX;
        if ((t->flags | o->flags) & HLN_TENSOR_EXTERNAL || o->dtype != t->dtype) {
            if (!t->data && t->n_bytes && (r = hln__map_external(c, &ct->view, err)) != HLN_OK) break;
            if (hln_add_overflow(c->total_bytes, o->n_bytes, &c->total_bytes)) { r = hln_error_set(err, HLN_ERR_OVERFLOW, 0, "", "output bytes overflow"); break; }
        }
    }
    hln_strmap_free(&names);
    if (r != HLN_OK) return r;
    if (inline_bytes > 0x7fffffffull)
        return hln_error_set(err, HLN_ERR_LIMIT, 0, "", "an ONNX file holds at most 2 GiB inline: use external data");
    if (nested_f32) hln__lost(c, "float32 tensors of subgraphs and node attributes stay float32");
    if (c->opts.dtype == HLN_DTYPE_F16 && c->n_lossy)
        hln__lost(c, "the graph still computes in float32: float16 weights are Cast back before use");
    return HLN_OK;
}

/* One stacked-experts out tensor being gathered (SafeTensors -> GGUF). */
typedef struct hln__merge { int64_t layer; int which, fresh; uint32_t out; uint64_t filled; } hln__merge;

/* Source tensor t is expert `expert` of (layer, which): opens the stacked out tensor on its
   first expert (fresh set; planned by the caller), then checks and files each part. */
static hln_result hln__merge_part(hln_convert *c, hln__merge *mg, uint32_t *n_mg, const hln_tensor *t, int64_t layer,
                                  int64_t expert, int which, int64_t n_expert, hln_error *err) {
    hln_model *m = c->out;
    hln_convert_tensor *ct;
    hln__merge *g = NULL;
    uint32_t k;
    for (k = 0; k < *n_mg; k++) if (mg[k].layer == layer && mg[k].which == which) { g = &mg[k]; break; }
    if (expert >= n_expert)
        return hln_error_set(err, HLN_ERR_RANGE, t->file_offset, t->name, "expert %lld, but config.json says %lld experts",
                             (long long)expert, (long long)n_expert);
    if (t->n_dims != 2) return hln_error_set(err, HLN_ERR_RANGE, t->file_offset, t->name, "an expert matrix must be 2-D");
    if (!g) {
        char name[96];
        hln_tensor *o = &m->tensors[m->n_tensors];
        int64_t *dims = (int64_t *)hln_arena_array(&m->arena, 3, sizeof *dims);
        ct = &c->tensors[m->n_tensors];
        ct->parts = (hln_tensor *)hln_arena_array(&m->arena, (uint64_t)n_expert, sizeof *ct->parts);
        snprintf(name, sizeof name, "blk.%lld.%s.weight", (long long)layer, hln__exps_gguf[which]);
        o->name = hln_arena_strndup(&m->arena, name, strlen(name));
        if (!dims || !ct->parts || !o->name) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
        ct->n_parts = (uint32_t)n_expert;
        ct->view = *t;
        ct->view.data = NULL;
        dims[0] = n_expert; dims[1] = t->dims[0]; dims[2] = t->dims[1];
        ct->view.n_dims = 3;
        ct->view.dims = dims;
        if (hln_mul_overflow(t->n_elements, (uint64_t)n_expert, &ct->view.n_elements) ||
            hln_mul_overflow(t->n_bytes, (uint64_t)n_expert, &ct->view.n_bytes))
            return hln_error_set(err, HLN_ERR_OVERFLOW, t->file_offset, t->name, "stacked experts overflow");
        ct->source = (uint32_t)(t - c->src->tensors);
        g = &mg[(*n_mg)++];
        g->layer = layer; g->which = which; g->fresh = 1; g->out = m->n_tensors; g->filled = 0;
        m->n_tensors++;
    }
    ct = &c->tensors[g->out];
    if (t->dtype != ct->view.dtype || t->dims[0] != ct->view.dims[1] || t->dims[1] != ct->view.dims[2])
        return hln_error_set(err, HLN_ERR_RANGE, t->file_offset, t->name, "experts of one layer differ in dtype or shape");
    if (ct->parts[expert].name) return hln_error_set(err, HLN_ERR_DUPLICATE, t->file_offset, t->name, "expert given twice");
    ct->parts[expert] = *t;
    g->filled++;
    if (!t->data && t->n_bytes) return hln__map_external(c, &ct->parts[expert], err);
    return HLN_OK;
}

/* Whether adding ct->offset to every value (in float, as the bytes are made) can be undone
   exactly; values are read (norm vectors are small: longer ones count as lossy unread). */
static int hln__offset_exact(hln_convert *c, const hln_convert_tensor *ct, hln_arena *scratch) {
    hln_error err;
    float *v;
    uint64_t k;
    if (ct->view.n_elements > HLN_CONVERT_CHUNK || !ct->view.data) return 0;
    v = (float *)hln_arena_array(scratch, ct->view.n_elements ? ct->view.n_elements : 1, sizeof *v);
    if (!v || hln__tensor_decode(c->src, &ct->view, 0, ct->view.n_elements, v, &err) != HLN_OK) return 0;
    for (k = 0; k < ct->view.n_elements; k++) {
        volatile float moved = v[k] + ct->offset;   /* float rounding here, as in hln_convert_tensor_bytes */
        if ((float)(moved - ct->offset) != v[k]) return 0;
    }
    return 1;
}

/* Out dtype, bytes and lossiness of one planned out tensor (its view filled). */
static hln_result hln__plan_one(hln_convert *c, hln_convert_tensor *ct, hln_tensor *o, int64_t layer, int64_t n_layer,
                                int64_t n_gqa, uint64_t *buf_elems, hln_arena *scratch, hln_error *err) {
    const hln_tensor *t = &ct->view;
    hln_result r;
    int ok;
    ct->from = t->dtype;
    if ((r = hln__plan_dtype(c, t, o->name, layer, n_layer, n_gqa, &ct->to, err)) != HLN_OK) return r;
    if (ct->offset != 0) {
        if (!hln__decodable(ct->from))
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "%s norm values cannot be decoded",
                                 hln_dtype_get(ct->from)->name);
        if (c->opts.to == HLN_FORMAT_GGUF) ct->to = HLN_DTYPE_F32;   /* llama.cpp keeps norms F32 */
    }
    if ((ct->to != ct->from || ct->offset != 0) && t->n_dims && (uint64_t)t->dims[t->n_dims - 1] > *buf_elems)
        *buf_elems = (uint64_t)t->dims[t->n_dims - 1];
    ct->lossy = !hln__exact(ct->from, ct->to) || (ct->offset != 0 && !hln__offset_exact(c, ct, scratch));
    c->n_lossy += (uint32_t)ct->lossy;
    o->dtype = ct->to;
    o->native_type = hln_dtype_get(ct->to)->ggml_id;
    o->n_dims = t->n_dims;
    o->dims = t->dims;
    o->n_elements = t->n_elements;
    o->n_bytes = hln_dtype_nbytes(ct->to, t->n_elements, &ok);
    if (!ok) return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "not whole blocks");
    if (hln_add_overflow(c->total_bytes, o->n_bytes, &c->total_bytes))
        return hln_error_set(err, HLN_ERR_OVERFLOW, 0, "", "output bytes overflow");
    return HLN_OK;
}

HLN_DEF hln_result hln_convert_plan(const hln_model *src, const hln_convert_options *opts, hln_convert **out,
                                    hln_error *err) {
    hln_convert *c;
    hln_model *m;
    hln__kvb b;
    hln__cfg cfg;
    hln_arena scratch;
    hln_result r;
    uint32_t i;
    int to_gguf, from_gguf, rename;
    int64_t n_layer, n_head, n_head_kv, n_gqa, n_expert, embd_rows = -1;
    uint64_t buf_elems = HLN_CONVERT_CHUNK, cap;
    const hln__hf_arch *fam = NULL;
    hln__merge *merges;
    uint32_t n_merges = 0;
    *out = NULL;
    if (opts->to != HLN_FORMAT_GGUF && opts->to != HLN_FORMAT_SAFETENSORS && opts->to != HLN_FORMAT_ONNX)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "HaoLine writes GGUF, SafeTensors and ONNX files only");
    if (opts->external_data && opts->to != HLN_FORMAT_ONNX)
        return hln_error_set(err, HLN_ERR_ARG, 0, "external_data", "external data is for ONNX output");
    if (opts->recipe && (opts->to != HLN_FORMAT_GGUF || !hln_convert_recipe_known(opts->recipe)))
        return hln_error_set(err, HLN_ERR_ARG, 0, "recipe", "'%.40s' is not a quantization HaoLine writes to %s", opts->recipe,
                             hln_format_name(opts->to));
    if (opts->dtype != HLN_DTYPE_UNKNOWN && opts->dtype != HLN_DTYPE_F32 && opts->dtype != HLN_DTYPE_F16 && opts->dtype != HLN_DTYPE_BF16)
        return hln_error_set(err, HLN_ERR_ARG, 0, "dtype", "dtype must be F32, F16 or BF16");
    if (src->big_endian) return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "big-endian tensor data is not converted");
    if ((r = hln_model_create(&src->arena.allocator, &m)) != HLN_OK) return hln_error_set(err, r, 0, "", "out of memory");
    memset(&scratch, 0, sizeof scratch);
    scratch.allocator = src->arena.allocator;
    c = (hln_convert *)hln_arena_alloc(&m->arena, sizeof *c);
    if (!c) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    c->out = m;
    c->src = src;
    c->opts = *opts;
    m->format = opts->to;
    m->alignment = opts->to == HLN_FORMAT_GGUF ? (src->format == HLN_FORMAT_GGUF && src->alignment ? src->alignment : 32) : 0;
    memset(&b, 0, sizeof b);
    b.m = m;
    if (opts->to == HLN_FORMAT_ONNX) {
        if ((r = hln__plan_onnx(c, &buf_elems, err)) != HLN_OK) goto fail;
        goto buffers;
    }
    to_gguf = opts->to == HLN_FORMAT_GGUF && src->format != HLN_FORMAT_GGUF;
    from_gguf = opts->to != HLN_FORMAT_GGUF && src->format == HLN_FORMAT_GGUF;
    if ((r = hln__cfg_read(src, opts, &scratch, &cfg, err)) != HLN_OK) goto fail;
    rename = 0;
    if (!opts->keep_names && to_gguf && src->format == HLN_FORMAT_SAFETENSORS) {
        if (!(fam = hln__hf_arch_by_type(cfg.model_type))) {
            r = hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "config", "architecture '%.40s' is not one HaoLine converts to GGUF "
                              "(llama, mistral, mixtral, qwen2, qwen3, qwen2_moe, phi3, gemma, gemma2, gemma3_text; --keep-names writes the "
                              "tensors as they are)", cfg.model_type ? cfg.model_type : "(no config.json)");
            goto fail;
        }
        if (cfg.n_head < 0 || cfg.n_layer < 0 || cfg.n_embd < 0) {
            r = hln_error_set(err, HLN_ERR_ARG, 0, "config", "config.json lacks num_hidden_layers, num_attention_heads or hidden_size");
            goto fail;
        }
        if (fam->moe && cfg.n_expert <= 0) {
            r = hln_error_set(err, HLN_ERR_ARG, 0, "config", "a %s config.json without its expert count", fam->model_type);
            goto fail;
        }
        if (strcmp(fam->model_type, "phi3") == 0 && cfg.has_rope_scaling &&
            (r = hln__phi3_longrope(&cfg, err)) != HLN_OK) goto fail;
        if (strncmp(fam->model_type, "gemma", 5) == 0 && cfg.has_rope_scaling &&
            !(strcmp(fam->model_type, "gemma3_text") == 0 && strcmp(cfg.rope_type, "linear") == 0 && cfg.rope_factor > 0)) {
            r = hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "config", "%s rope_scaling '%s' is not converted (Gemma 3's "
                              "linear scaling with a factor is)", fam->model_type, cfg.rope_type);
            goto fail;
        }
        if (cfg.has_rope_scaling && strncmp(fam->model_type, "gemma", 5) != 0 && strcmp(fam->model_type, "phi3") != 0)
            hln__lost(c, "config.json's rope_scaling (llama.cpp writes rope_freqs or scaling keys for it) is not converted");
        c->arch = fam->gguf;
        rename = 1;
    } else if (!opts->keep_names && from_gguf) {
        const hln_kv *a = hln_model_find_kv(src, "general.architecture");
        if (a && a->type == HLN_KV_STRING) {
            int64_t ne = hln__kv_int(src, a->v.s.ptr, "expert_count");
            fam = hln__hf_arch_by_gguf(a->v.s.ptr, ne > 0);
            if (fam && fam->moe && ne <= 0) fam = NULL;   /* qwen2moe without an expert count */
        }
        c->arch = fam ? fam->gguf : NULL;
        rename = c->arch != NULL;
        if (!rename) hln__lost(c, "names stay GGUF names (not a llama-family architecture)");
    }
    c->model_type = fam ? fam->model_type : NULL;
    {
        const char *an = c->arch ? c->arch : src->hp.arch;
        n_layer = cfg.n_layer > 0 ? cfg.n_layer : hln__kv_int(src, an, "block_count");
        n_head = cfg.n_head > 0 ? cfg.n_head : hln__kv_int(src, an, "attention.head_count");
        n_head_kv = cfg.n_head_kv > 0 ? cfg.n_head_kv : hln__kv_int(src, an, "attention.head_count_kv");
        n_expert = cfg.n_expert > 0 ? cfg.n_expert : hln__kv_int(src, an, "expert_count");
        if (n_layer < 0) n_layer = src->hp.n_layer;
        if (n_head_kv < 0) n_head_kv = n_head;
    }
    if (!to_gguf && rename) {   /* GGUF heads must divide like config.json's */
        if (n_head <= 0 || n_head > HLN_CONVERT_MAX_DIM || n_head_kv <= 0 || n_head % n_head_kv != 0) {
            r = hln_error_set(err, HLN_ERR_RANGE, 0, "metadata", "attention.head_count (%lld) / head_count_kv (%lld) do not divide",
                              (long long)n_head, (long long)n_head_kv);
            goto fail;
        }
        if (fam->moe && n_expert > HLN_CONVERT_MAX_EXPERTS) {
            r = hln_error_set(err, HLN_ERR_RANGE, 0, "metadata", "expert_count %lld is more than %d", (long long)n_expert,
                              HLN_CONVERT_MAX_EXPERTS);
            goto fail;
        }
    }
    n_gqa = n_head > 0 && n_head_kv > 0 ? n_head / n_head_kv : 1;
    if (rename && to_gguf && (r = hln__arch_kvs(c, &cfg, &b, err)) != HLN_OK) goto fail;
    /* tensors: one out tensor per source tensor, fewer when experts merge, more when they split */
    cap = (src->n_tensors ? src->n_tensors : 1) + (uint64_t)(rename && to_gguf && cfg.n_rope_factors ? 2 : 0);
    if (rename && !to_gguf && fam->moe)
        for (i = 0; i < src->n_tensors; i++) {
            int64_t l;
            int w;
            if (hln__gguf_experts(src->tensors[i].name, &l, &w) && hln_add_overflow(cap, (uint64_t)n_expert, &cap)) cap = UINT32_MAX;
        }
    if (cap > UINT32_MAX / 2) { r = hln_error_set(err, HLN_ERR_LIMIT, 0, "", "too many tensors"); goto fail; }
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, cap, sizeof *m->tensors);
    c->tensors = (hln_convert_tensor *)hln_arena_array(&m->arena, cap, sizeof *c->tensors);
    merges = (hln__merge *)hln_arena_array(&scratch, src->n_tensors ? src->n_tensors : 1, sizeof *merges);
    if (!m->tensors || !c->tensors || !merges) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto fail; }
    if (rename && to_gguf && cfg.n_rope_factors) {
        if ((r = hln__rope_factor_views(c, &cfg, err)) != HLN_OK) goto fail;
        for (i = 0; i < 2; i++, m->n_tensors++)
            if ((r = hln__plan_one(c, &c->tensors[m->n_tensors], &m->tensors[m->n_tensors], -1, n_layer, n_gqa, &buf_elems,
                                   &scratch, err)) != HLN_OK) goto fail;
    }
    for (i = 0; i < src->n_tensors; i++) {
        const hln_tensor *t = &src->tensors[i];
        char name[512];
        const char *role = NULL;
        int64_t layer = -1, expert = 0, n_out = 1, e;
        int which = -1, ok;
        if (!hln__carried(t)) { hln__lost(c, "string, sparse and attribute tensors are not kept"); continue; }
        if (rename && !to_gguf && strcmp(fam->model_type, "phi3") == 0 && hln__is_rope_factors(t)) continue;   /* config.json's */
        if (rename && to_gguf && fam->norm_offset && strcmp(t->name, "lm_head.weight") == 0) {
            hln__lost(c, "lm_head (Gemma ties it to the embeddings; llama.cpp reads token_embd) is not written");
            continue;
        }
        if (rename && to_gguf && hln__hf_expert(fam, t->name, &layer, &expert, &which)) {
            if ((r = hln__merge_part(c, merges, &n_merges, t, layer, expert, which, n_expert, err)) != HLN_OK) goto fail;
            if (merges[n_merges - 1].fresh) {
                merges[n_merges - 1].fresh = 0;
                r = hln__plan_one(c, &c->tensors[m->n_tensors - 1], &m->tensors[m->n_tensors - 1], layer, n_layer, n_gqa,
                                  &buf_elems, &scratch, err);
                if (r != HLN_OK) goto fail;
            }
            continue;
        }
        if (rename && !to_gguf && fam->moe && hln__gguf_experts(t->name, &layer, &which)) {
            if (t->n_dims != 3 || t->dims[0] != n_expert) {
                r = hln_error_set(err, HLN_ERR_RANGE, t->file_offset, t->name, "not %lld stacked experts", (long long)n_expert);
                goto fail;
            }
            n_out = n_expert;
        }
        for (e = 0; e < n_out; e++) {
            hln_tensor *o = &m->tensors[m->n_tensors];
            hln_convert_tensor *ct = &c->tensors[m->n_tensors];
            ct->view = *t;
            if (!t->data && t->n_bytes && (r = hln__map_external(c, &ct->view, err)) != HLN_OK) goto fail;
            if (which >= 0) {   /* one expert's slice of the stacked tensor */
                const char *const *sp = hln__exps_hf[fam->moe - 1];
                uint64_t slice = t->n_bytes / (uint64_t)n_expert;
                snprintf(name, sizeof name, "model.layers.%lld.%s%lld.%s.weight", (long long)layer, sp[0], (long long)e, sp[which + 1]);
                o->name = hln_arena_strndup(&m->arena, name, strlen(name));
                ct->view.n_dims = 2;
                ct->view.dims = t->dims + 1;
                ct->view.n_elements = t->n_elements / (uint64_t)n_expert;
                ct->view.n_bytes = slice;
                ct->view.file_offset += (uint64_t)e * slice;
                if (ct->view.data) ct->view.data = (const uint8_t *)ct->view.data + (uint64_t)e * slice;
            } else if (rename && hln__rename(fam, t->name, to_gguf, name, sizeof name, &role, &layer)) {
                o->name = hln_arena_strndup(&m->arena, name, strlen(name));
            } else if (rename && to_gguf) {
                r = hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "no GGUF name for this %s tensor",
                                  fam->model_type);
                goto fail;
            } else {
                o->name = t->name;
                if (!rename) hln_name_role(t->name, &layer, &ok, &ok);
                else hln__lost(c, "tensors without a Hugging Face spelling keep their GGUF names");
            }
            if (!o->name) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto fail; }
            ct->source = i;
            if (rename && fam->norm_offset && hln__ends_with(t->name, "norm.weight")) ct->offset = to_gguf ? 1.0f : -1.0f;
            if (role && (strcmp(role, "attn_q") == 0 || strcmp(role, "attn_k") == 0) && t->n_dims == 2 &&
                hln__ends_with(o->name, ".weight") && to_gguf && (r = hln__check_heads(t, role, &cfg, err)) != HLN_OK) goto fail;
            if (role && (strcmp(role, "attn_q") == 0 || strcmp(role, "attn_k") == 0) && t->n_dims == 2 &&
                fam->permute_rope && hln__ends_with(o->name, ".weight")) {
                ct->permute_heads = (int32_t)(strcmp(role, "attn_q") == 0 ? n_head : n_head_kv);
                if (ct->permute_heads <= 0 || t->dims[0] % ct->permute_heads != 0 || (t->dims[0] / ct->permute_heads) % 2 != 0) {
                    r = hln_error_set(err, HLN_ERR_RANGE, t->file_offset, t->name, "%lld rows do not split into %d heads of pairs",
                                      (long long)t->dims[0], (int)ct->permute_heads);
                    goto fail;
                }
            }
            if (role && strcmp(role, "token_embd") == 0 && t->n_dims == 2) embd_rows = t->dims[0];
            m->n_tensors++;
            if ((r = hln__plan_one(c, ct, o, layer, n_layer, n_gqa, &buf_elems, &scratch, err)) != HLN_OK) goto fail;
        }
    }
    for (i = 0; i < n_merges; i++)
        if (merges[i].filled != (uint64_t)n_expert) {
            const hln_tensor *o = &m->tensors[merges[i].out];
            r = hln_error_set(err, HLN_ERR_RANGE, 0, o->name, "%llu of %lld experts in the checkpoint",
                              (unsigned long long)merges[i].filled, (long long)n_expert);
            goto fail;
        }
    if (opts->imatrix && (!opts->recipe || opts->to != HLN_FORMAT_GGUF)) {
        r = hln_error_set(err, HLN_ERR_ARG, 0, "imatrix", "an imatrix is for quantizing to GGUF");
        goto fail;
    }
    if (opts->imatrix && (r = hln__check_imatrix(c, opts->imatrix, err)) != HLN_OK) goto fail;
    if (rename && to_gguf && opts->tokenizer_json &&
        (r = hln__tokenizer(opts, &cfg, embd_rows, &b, &scratch, err)) != HLN_OK) goto fail;
    else if (rename && to_gguf && opts->tokenizer_model &&
             (r = hln__sentencepiece(opts, embd_rows, &b, &scratch, err)) != HLN_OK) goto fail;
    if (rename && to_gguf && !opts->tokenizer_json && !opts->tokenizer_model)
        hln__lost(c, "no tokenizer.json or tokenizer.model beside the input: the GGUF has no vocabulary");
    hln__carry_kvs(c, &b);
    if (opts->recipe && opts->to == HLN_FORMAT_GGUF && !hln_model_find_kv(m, "general.quantization_version"))
        hln__kv_u32(&b, "general.quantization_version", 2);
    if (src->graph) hln__lost(c, "the graph (only weights are written)");
    if (b.nomem) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto fail; }
buffers:   /* chunk buffers: HLN_CONVERT_CHUNK elements, or one row when rows are longer */
    c->buf = (float *)hln_arena_array(&m->arena, buf_elems, sizeof(float));
    c->back = c->opts.measure_error ? (float *)hln_arena_array(&m->arena, buf_elems, sizeof(float)) : NULL;
    c->enc = (uint8_t *)hln_arena_array(&m->arena, buf_elems, sizeof(float));
    if (!c->buf || !c->enc || (c->opts.measure_error && !c->back)) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto fail; }
    hln_arena_free(&scratch);
    *out = c;
    return HLN_OK;
fail:
    hln_arena_free(&scratch);
    hln_convert_free(c);
    return r;
}

HLN_DEF void hln_convert_free(hln_convert *c) {
    if (!c) return;
#ifndef HLN_NO_STDIO
    if (c->maps) {
        uint32_t k;
        for (k = 0; k < c->src->n_files; k++) if (c->maps[k].data) hln_file_unmap(&c->maps[k]);
    }
#endif
    hln_model_free(c->out);   /* c lives in its out model's arena */
}

/* ---- making the bytes ---- */
typedef struct hln__qjob {
    hln_k_type to;
    float *src;                    /* the chunk's values (the tasks may decode into it) */
    uint8_t *dst;
    float *back;
    int64_t rows, cols;
    size_t row_bytes;
    int n_tasks;
    hln_k_error *errs;   /* one per task, or NULL */
    const float *imp;    /* importance: cols weights per matrix, or NULL */
    uint64_t row0, rows_per_mat;   /* the chunk's first row in the view; rows of one matrix */
    const hln_convert *c;          /* non-NULL: each task decodes its own source rows into src */
    const hln_convert_tensor *ct;
    float offset;                  /* added to every decoded value */
    int failed;                    /* 1: cannot encode; 2: a task's rows cannot be decoded */
} hln__qjob;

static hln_result hln__rows_decode(const hln_convert *c, const hln_convert_tensor *ct, uint64_t r0, uint64_t n, uint64_t cols,
                                   float *out, hln_error *err);

static void hln__qtask(void *arg, int task) {
    hln__qjob *q = (hln__qjob *)arg;
    int64_t per = (q->rows + q->n_tasks - 1) / q->n_tasks, r0 = per * task, r1 = r0 + per;
    if (r1 > q->rows) r1 = q->rows;
    if (r0 >= r1) return;
    if (q->c) {
        hln_error e;
        float *x = q->src + r0 * q->cols;
        int64_t k, n = (r1 - r0) * q->cols;
        if (hln__rows_decode(q->c, q->ct, q->row0 + (uint64_t)r0, (uint64_t)(r1 - r0), (uint64_t)q->cols, x, &e) != HLN_OK) {
            q->failed = 2;
            return;
        }
        if (q->offset != 0.0f) for (k = 0; k < n; k++) x[k] += q->offset;
    }
    if (q->to == HLN_K_F16 || q->to == HLN_K_BF16) {   /* the kernels' row converter, or one element at a time */
        const float *x = q->src + r0 * q->cols;
        uint8_t *d = q->dst + (size_t)r0 * q->row_bytes;
        int64_t k, n = (r1 - r0) * q->cols;
        const uint32_t one = 1;
        uint8_t le;
        memcpy(&le, &one, 1);
        if (le) hln_k_convert(HLN_K_F32, x, q->to, d, n);   /* native floats are its little-endian F32 */
        else for (k = 0; k < n; k++) {
            uint16_t h = q->to == HLN_K_F16 ? hln_k_fp32_to_fp16(x[k]) : hln_k_fp32_to_bf16(x[k]);
            d[2 * k] = (uint8_t)h;
            d[2 * k + 1] = (uint8_t)(h >> 8);
        }
    } else if (q->imp) {   /* one row at a time: each takes its matrix's column weights */
        int64_t r;
        for (r = r0; r < r1; r++)
            if (hln_k_quantize_weighted(q->to, q->src + r * q->cols, q->imp + (int64_t)((q->row0 + (uint64_t)r) / q->rows_per_mat) * q->cols,
                                        q->dst + (size_t)r * q->row_bytes, q->cols) != HLN_K_OK) { q->failed = 1; return; }
    } else if (hln_k_quantize(q->to, q->src + r0 * q->cols, q->dst + (size_t)r0 * q->row_bytes, (r1 - r0) * q->cols) != HLN_K_OK) {
        q->failed = 1;
        return;
    }
    if (q->errs) {
        hln_k_dequantize(q->to, q->dst + (size_t)r0 * q->row_bytes, q->back + r0 * q->cols, (r1 - r0) * q->cols);
        hln_k_error_feed(&q->errs[task], q->src + r0 * q->cols, q->back + r0 * q->cols, (r1 - r0) * q->cols);
    }
}

/* F32 / F16 / BF16 into another of them: the kernels convert the source rows' bytes straight
   into the output's (no float buffer). An error table is then measured from the written rows
   (hln__direct_error). */
static int hln__float_direct(const hln_convert_tensor *ct) {
    int a = hln_dtype_get(ct->from)->ggml_id, b = hln_dtype_get(ct->to)->ggml_id;
    return (a == HLN_K_F32 || a == HLN_K_F16 || a == HLN_K_BF16) && (b == HLN_K_F32 || b == HLN_K_F16 || b == HLN_K_BF16);
}
static hln_result hln__rows_convert(const hln_convert *c, const hln_convert_tensor *ct, uint64_t r0, uint64_t n, uint64_t cols,
                                    uint8_t *out, size_t row_bytes, hln_error *err) {
    const hln_tensor *t = &ct->view;
    hln_k_type from = (hln_k_type)hln_dtype_get(t->dtype)->ggml_id, to = (hln_k_type)hln_dtype_get(ct->to)->ggml_id;
    uint64_t rows = t->n_elements / cols, src_row = t->n_bytes / rows, k;
    hln_result r;
    if (!t->data) return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "tensor bytes are not in memory");
    if (c->src->big_endian) return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "big-endian tensor data");
    if (r0 == 0 && (r = hln_model_file_check(c->src, t->file, t->file_offset + t->n_bytes, err)) != HLN_OK) return r;
    if (!ct->permute_heads) {
        hln_k_convert(from, (const uint8_t *)t->data + r0 * src_row, to, out, (int64_t)(n * cols));
        return HLN_OK;
    }
    for (k = 0; k < n; k++)
        hln_k_convert(from, (const uint8_t *)t->data + hln__permuted_row(r0 + k, rows, (uint32_t)ct->permute_heads, c->opts.to == HLN_FORMAT_GGUF) * src_row,
                      to, out + k * row_bytes, (int64_t)cols);
    return HLN_OK;
}

/* Source rows [r0, r0 + n) in output order into floats (permuted when asked). */
static hln_result hln__rows_decode(const hln_convert *c, const hln_convert_tensor *ct, uint64_t r0, uint64_t n, uint64_t cols,
                                   float *out, hln_error *err) {
    const hln_tensor *t = &ct->view;
    uint64_t rows = t->n_dims ? t->n_elements / cols : 1, k;
    int to_gguf = c->opts.to == HLN_FORMAT_GGUF;
    hln_result r;
    if (!ct->permute_heads) return hln__tensor_decode(c->src, t, r0 * cols, n * cols, out, err);
    for (k = 0; k < n; k++)
        if ((r = hln__tensor_decode(c->src, t, hln__permuted_row(r0 + k, rows, (uint32_t)ct->permute_heads, to_gguf) * cols,
                                    cols, out + k * cols, err)) != HLN_OK) return r;
    return HLN_OK;
}

/* The out bytes of one source view (a whole tensor, an expert's slice, or one part of a stack). */
static hln_result hln__view_bytes(hln_convert *c, const hln_convert_tensor *ct, const hln_tensor *t, const float *imp, const char *name,
                                  hln_write_fn write, void *wuser, hln_k_error *errs, int n_tasks, hln_error *err) {
    const hln_dtype_info *dt = hln_dtype_get(ct->to);
    uint64_t cols, rows, per, r0;
    size_t row_bytes;
    hln_result r = HLN_OK;
    int k, direct;
    if (ct->from == ct->to && !ct->permute_heads && ct->offset == 0) {   /* bytes as they are, in chunks (released behind) */
        uint64_t at = 0, step = (uint64_t)HLN_CONVERT_CHUNK * 4;
        while (at < t->n_bytes) {
            uint64_t n = t->n_bytes - at < step ? t->n_bytes - at : step;
            if (!write(wuser, (const uint8_t *)t->data + at, (size_t)n)) return hln_error_set(err, HLN_ERR_IO, 0, name, "write failed");
#ifndef HLN_NO_STDIO
            if (c->opts.release_input) hln_model_release(c->src, t->file, t->file_offset + at, n);
#endif
            at += n;
        }
        goto done;
    }
    cols = t->n_dims ? (uint64_t)t->dims[t->n_dims - 1] : 1;
    if (cols == 0) goto done;
    rows = t->n_elements / cols;
    row_bytes = hln_k_row_size((hln_k_type)dt->ggml_id, (int64_t)cols);
    if (dt->ggml_id < 0 || !row_bytes) return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, name, "no encoder for %s", dt->name);
    if (ct->from == ct->to && ct->offset == 0) {   /* permuted rows, bytes as they are */
        const uint8_t *p = (const uint8_t *)t->data;
        for (r0 = 0; r0 < rows; r0++)
            if (!write(wuser, p + hln__permuted_row(r0, rows, (uint32_t)ct->permute_heads, c->opts.to == HLN_FORMAT_GGUF) * row_bytes, row_bytes))
                return hln_error_set(err, HLN_ERR_IO, 0, name, "write failed");
        goto done;
    }
    per = HLN_CONVERT_CHUNK / cols ? HLN_CONVERT_CHUNK / cols : 1;
    direct = hln__float_direct(ct) && ct->offset == 0 && t->dtype == ct->from;
    for (r0 = 0; r0 < rows && r == HLN_OK; r0 += per) {
        uint64_t n = rows - r0 < per ? rows - r0 : per;
        hln__qjob q;
        hln_convert_tensor one = *ct;
        one.view = *t;
        if (direct) {
            if ((r = hln__rows_convert(c, &one, r0, n, cols, c->enc, row_bytes, err)) != HLN_OK) break;
            if (errs) {   /* the error of the bytes written: source values against the written ones read back */
                if ((r = hln__rows_decode(c, &one, r0, n, cols, c->buf, err)) != HLN_OK) break;
                hln_k_dequantize((hln_k_type)dt->ggml_id, c->enc, c->back, (int64_t)(n * cols));
                hln_k_error_feed(&errs[0], c->buf, c->back, (int64_t)(n * cols));
            }
            goto written;
        }
        q.c = NULL;
        q.ct = &one;
        q.offset = ct->offset;
        if (ct->to != HLN_DTYPE_F32 && c->opts.parallel_for && n_tasks > 1) {
            /* the tasks decode their own rows; row 0 first here, for the checks a tensor's
               first bytes get before any are read (readable, the file not truncated) */
            if (r0 == 0 && (r = hln__rows_decode(c, &one, 0, 1, cols, c->buf, err)) != HLN_OK) break;
            q.c = c;
        } else {
            if ((r = hln__rows_decode(c, &one, r0, n, cols, c->buf, err)) != HLN_OK) break;
            if (ct->offset != 0) {
                uint64_t k2;
                for (k2 = 0; k2 < n * cols; k2++) c->buf[k2] += ct->offset;
            }
        }
        q.to = (hln_k_type)dt->ggml_id;
        q.src = c->buf;
        q.dst = c->enc;
        q.back = c->back;
        q.rows = (int64_t)n;
        q.cols = (int64_t)cols;
        q.row_bytes = row_bytes;
        q.n_tasks = n_tasks;
        q.errs = errs;
        q.imp = imp;
        q.row0 = r0;
        q.rows_per_mat = t->n_dims == 3 && t->dims[0] > 0 ? rows / (uint64_t)t->dims[0] : rows;   /* a 3-D view: experts */
        q.failed = 0;
        if (ct->to == HLN_DTYPE_F32) {   /* little-endian on any host */
            uint64_t k2;
            for (k2 = 0; k2 < n * cols; k2++) {
                uint32_t u;
                memcpy(&u, &c->buf[k2], 4);
                c->enc[4 * k2] = (uint8_t)u; c->enc[4 * k2 + 1] = (uint8_t)(u >> 8);
                c->enc[4 * k2 + 2] = (uint8_t)(u >> 16); c->enc[4 * k2 + 3] = (uint8_t)(u >> 24);
            }
        }
        else if (c->opts.parallel_for && n_tasks > 1) c->opts.parallel_for(c->opts.parallel_user, n_tasks, hln__qtask, &q);
        else for (k = 0; k < n_tasks; k++) hln__qtask(&q, k);
        if (q.failed) {
            r = hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, name, "cannot %s %s", q.failed == 2 ? "decode" : "encode",
                              q.failed == 2 ? hln_dtype_get(t->dtype)->name : dt->name);
            break;
        }
written:
        if (!write(wuser, c->enc, (size_t)n * row_bytes)) { r = hln_error_set(err, HLN_ERR_IO, 0, name, "write failed"); break; }
#ifndef HLN_NO_STDIO
        if (c->opts.release_input && !ct->permute_heads)
            hln_model_release(c->src, t->file, t->file_offset + r0 * (t->n_bytes / rows), n * (t->n_bytes / rows));
#endif
    }
    if (r != HLN_OK) return r;
done:
#ifndef HLN_NO_STDIO
    if (c->opts.release_input) hln_model_release(c->src, t->file, t->file_offset, t->n_bytes);
#endif
    return HLN_OK;
}

HLN_DEF hln_result hln_convert_tensor_bytes(void *user, const hln_model *m, uint32_t index, hln_write_fn write,
                                            void *wuser, hln_error *err) {
    hln_convert *c = (hln_convert *)user;
    hln_convert_tensor *ct;
    const hln_tensor *o;
    hln_result r = HLN_OK;
    hln_k_error errs[64];
    int n_tasks, k, measure;
    uint32_t p;
    if (m != c->out || index >= m->n_tensors) return hln_error_set(err, HLN_ERR_ARG, 0, "", "not this conversion's model");
    ct = &c->tensors[index];
    o = &m->tensors[index];
    n_tasks = c->opts.n_tasks > 0 ? c->opts.n_tasks : c->opts.parallel_for ? 8 : 1;
    if (n_tasks > 64) n_tasks = 64;
    measure = ct->lossy && c->opts.measure_error;
    if (measure) {
        for (k = 0; k < n_tasks; k++) hln_k_error_init(&errs[k]);
        hln_k_error_init(&ct->error);
    }
    if (ct->n_parts)
        for (p = 0; p < ct->n_parts && r == HLN_OK; p++)
            r = hln__view_bytes(c, ct, &ct->parts[p], ct->importance ? ct->importance + (uint64_t)p * (o->n_dims ? (uint64_t)o->dims[o->n_dims - 1] : 1) : NULL,
                                o->name, write, wuser, measure ? errs : NULL, n_tasks, err);
    else r = hln__view_bytes(c, ct, &ct->view, ct->importance, o->name, write, wuser, measure ? errs : NULL, n_tasks, err);
    if (r != HLN_OK) return r;
    if (measure) {
        for (k = 0; k < n_tasks; k++) {
            hln_k_error_finish(&errs[k]);
            hln__k_error_merge(&ct->error, &errs[k]);
        }
        hln_k_error_finish(&ct->error);
    }
    c->done_bytes += o->n_bytes;
    if (c->opts.progress) c->opts.progress(c->opts.progress_user, c->done_bytes, c->total_bytes);
    return HLN_OK;
}

/* ---- ONNX external data file ---- */
HLN_DEF hln_result hln_convert_external_data(hln_convert *c, hln_write_fn write, void *user, hln_error *err) {
    static const uint8_t zeros[HLN_CONVERT_EXTERNAL_ALIGN] = { 0 };
    uint64_t at = 0;
    uint32_t i;
    hln_result r;
    for (i = 0; i < c->out->n_tensors; i++) {
        const hln_tensor *o = &c->out->tensors[i];
        if (!(o->flags & HLN_TENSOR_EXTERNAL)) continue;
        if (o->file_offset < at || o->file_offset - at > HLN_CONVERT_EXTERNAL_ALIGN)
            return hln_error_set(err, HLN_ERR_ARG, 0, o->name, "external offsets are not this plan's");
        if (o->file_offset > at && !write(user, zeros, (size_t)(o->file_offset - at)))
            return hln_error_set(err, HLN_ERR_IO, 0, o->name, "write failed");
        if ((r = hln_convert_tensor_bytes(c, c->out, i, write, user, err)) != HLN_OK) return r;
        at = o->file_offset + o->n_bytes;
    }
    return HLN_OK;
}

/* ---- config.json from GGUF metadata (the hub's JSON writer, pretty) ---- */
static void hln__cj_int(hln_jw *w, const char *key, int64_t v) {
    if (v < 0) return;
    hln_jw_key(w, key);
    hln_jw_i64(w, v);
}

/* A float KV as the shortest decimal that reads back as the same float (1e-05, not
   9.99999975e-06: GGUF holds f32, config.json was written from the decimal). */
static void hln__cj_float(hln_jw *w, const hln_model *s, const char *arch, const char *suffix, const char *json_key) {
    char key[128], num[40];
    const hln_kv *kv;
    double f;
    int p;
    snprintf(key, sizeof key, "%s.%s", arch, suffix);
    if (!(kv = hln_model_find_kv(s, key)) || !hln_kv_as_f64(kv, &f)) return;
    for (p = 1; p <= 17; p++) {
        snprintf(num, sizeof num, "%.*g", p, f);
        if (kv->type == HLN_KV_F32 ? (float)strtod(num, NULL) == (float)f : strtod(num, NULL) == f) break;
    }
    if (f == (double)(int64_t)f && f > -1e15 && f < 1e15) snprintf(num, sizeof num, "%.1f", f);   /* 50.0, not 5e+01 */
    hln_jw_key(w, json_key);
    hln_jw_raw(w, num);
}

/* phi3's rope factor tensors back into rope_scaling {"type": "longrope", long_factor, short_factor}. */
static void hln__cj_longrope(hln_jw *w, const hln_model *s) {
    int64_t ti[2];
    uint64_t k;
    int f;
    ti[0] = hln_model_find_tensor(s, "rope_factors_long.weight");
    ti[1] = hln_model_find_tensor(s, "rope_factors_short.weight");
    if (ti[0] < 0 || ti[1] < 0 || !hln__is_rope_factors(&s->tensors[ti[0]]) || !hln__is_rope_factors(&s->tensors[ti[1]]) ||
        s->tensors[ti[0]].n_elements != s->tensors[ti[1]].n_elements) return;
    hln_jw_key(w, "rope_scaling");
    hln_jw_open(w, '{');
    hln_jw_key(w, "type");
    hln_jw_str(w, "longrope", 8);
    for (f = 0; f < 2; f++) {
        const uint8_t *p = (const uint8_t *)s->tensors[ti[f]].data;
        hln_jw_key(w, f ? "short_factor" : "long_factor");
        hln_jw_open(w, '[');
        for (k = 0; k < s->tensors[ti[f]].n_elements; k++, p += 4) {
            uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
            float v;
            char num[32];
            memcpy(&v, &u, 4);
            snprintf(num, sizeof num, "%.9g", (double)v);   /* 9 digits: the float comes back bit for bit */
            hln_jw_raw(w, num);
        }
        hln_jw_close(w, ']');
    }
    hln_jw_close(w, '}');
}

HLN_DEF hln_result hln_convert_config_json(const hln_convert *c, hln_write_fn write, void *user, hln_error *err) {
    const hln_model *s = c->src;
    const char *a = c->arch;
    const hln__hf_arch *fam = hln__hf_arch_by_type(c->model_type);
    hln_jw w;
    int ok;
    int64_t n_head = hln__kv_int(s, a, "attention.head_count"), n_embd = hln__kv_int(s, a, "embedding_length");
    if (!a || !fam) return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "no llama-family architecture to describe");
    memset(&w, 0, sizeof w);
    w.alloc = s->arena.allocator;
    w.pretty = 1;
    hln_jw_open(&w, '{');
    hln_jw_key(&w, "architectures");
    hln_jw_open(&w, '[');
    hln_jw_str(&w, fam->hf_class, strlen(fam->hf_class));
    hln_jw_close(&w, ']');
    hln_jw_key(&w, "model_type");
    hln_jw_str(&w, fam->model_type, strlen(fam->model_type));
    hln__cj_int(&w, "num_hidden_layers", hln__kv_int(s, a, "block_count"));
    hln__cj_int(&w, "hidden_size", n_embd);
    hln__cj_int(&w, "intermediate_size", hln__kv_int(s, a, "feed_forward_length"));
    hln__cj_int(&w, "num_attention_heads", n_head);
    hln__cj_int(&w, "num_key_value_heads", hln__kv_int(s, a, "attention.head_count_kv"));
    hln__cj_int(&w, "max_position_embeddings", hln__kv_int(s, a, "context_length"));
    if (hln__kv_int(s, a, "attention.key_length") > 0) hln__cj_int(&w, "head_dim", hln__kv_int(s, a, "attention.key_length"));
    {
        const hln_kv *tokens = hln_model_find_kv(s, "tokenizer.ggml.tokens");
        int64_t nv = hln__kv_int(s, a, "vocab_size");
        if (nv < 0 && tokens && tokens->type == HLN_KV_ARRAY) nv = (int64_t)tokens->v.a.count;
        hln__cj_int(&w, "vocab_size", nv);
    }
    hln__cj_int(&w, "bos_token_id", hln__kv_int(s, "tokenizer.ggml", "bos_token_id"));
    hln__cj_int(&w, "eos_token_id", hln__kv_int(s, "tokenizer.ggml", "eos_token_id"));
    if (fam->moe) {   /* the family's own key names for the expert counts */
        hln__cj_int(&w, fam->moe == 1 ? "num_local_experts" : "num_experts", hln__kv_int(s, a, "expert_count"));
        hln__cj_int(&w, "num_experts_per_tok", hln__kv_int(s, a, "expert_used_count"));
        hln__cj_int(&w, "moe_intermediate_size", hln__kv_int(s, a, "expert_feed_forward_length"));
        hln__cj_int(&w, "shared_expert_intermediate_size", hln__kv_int(s, a, "expert_shared_feed_forward_length"));
    }
    hln__cj_int(&w, "original_max_position_embeddings", hln__kv_int(s, a, "rope.scaling.original_context_length"));
    hln__cj_float(&w, s, a, "rope.freq_base", "rope_theta");
    hln__cj_float(&w, s, a, "attention.layer_norm_rms_epsilon", "rms_norm_eps");
    hln__cj_float(&w, s, a, "attn_logit_softcapping", "attn_logit_softcapping");
    hln__cj_float(&w, s, a, "final_logit_softcapping", "final_logit_softcapping");
    hln__cj_int(&w, "sliding_window", hln__kv_int(s, a, "attention.sliding_window"));
    if (strcmp(fam->model_type, "phi3") == 0) hln__cj_longrope(&w, s);
    {   /* Gemma 3's linear RoPE scaling */
        char key[128];
        const hln_kv *t = hln_model_find_kv(s, hln__arch_key(key, sizeof key, a, "rope.scaling.type"));
        if (t && t->type == HLN_KV_STRING && t->v.s.len == 6 && memcmp(t->v.s.ptr, "linear", 6) == 0) {
            hln_jw_key(&w, "rope_scaling");
            hln_jw_open(&w, '{');
            hln_jw_key(&w, "rope_type");
            hln_jw_str(&w, "linear", 6);
            hln__cj_float(&w, s, a, "rope.scaling.factor", "factor");
            hln_jw_close(&w, '}');
        }
    }
    hln_jw_key(&w, "tie_word_embeddings");
    hln_jw_raw(&w, hln_model_find_tensor(s, "output.weight") < 0 ? "true" : "false");
    hln_jw_close(&w, '}');
    ok = !w.failed && write(user, w.buf, w.len) && write(user, "\n", 1);
    hln_jw_free(&w);
    if (w.failed) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    return ok ? HLN_OK : hln_error_set(err, HLN_ERR_IO, 0, "", "write failed");
}
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_ANALYSIS_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  the passes move out of haoline_ir.h into this header; hln_graph_options (defaults
            for unbound dims, the MACs formula), every ONNX op in the shape table

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
