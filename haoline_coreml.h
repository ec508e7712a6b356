/* haoline_coreml.h - v0.1 - Core ML (.mlmodel, .mlpackage) reader for the HaoLine IR. MIT license.

   Reads a Core ML model: one `CoreML.Specification.Model` protobuf message (X.mlmodel; no
   magic, proto3) or an X.mlpackage folder (Manifest.json naming the root model item, the
   model spec, and the MIL blob files its mlProgram references). The bytes are hostile: the
   hub's protobuf pull reader (hln_pb_*) checks every varint, length and wire type; the hub's
   JSON tokenizer reads the manifest; every count, shape product and blob offset is checked
   against its buffer with overflow-safe arithmetic; nesting (pipelines, MIL blocks) is capped.
   Field numbers come from the schema in ../shared/specs/coreml/ (the .proto files, apple/coremltools),
   the blob layout from specs/coreml/milblob/StorageFormat.hpp and BlobDataType.hpp, the
   manifest keys from specs/coreml/modelpackage/ModelPackage.cpp.

   MODEL TYPES
     neuralNetwork / neuralNetworkClassifier / neuralNetworkRegressor: layers (branch and loop
     bodies included), every WeightParams by precision (float32, float16, int8, n-bit linear
     and lookup-table quantized rawValue), preprocessing, shape mappings, class labels.
     mlProgram: functions, block specializations, operations (nested blocks included),
     `const` / `constexpr_*` values inline or in blob files (each reference checked against
     its blob metadata record: sentinel 0xDEADBEEF, dtype, byte size, data inside the file).
     pipeline / pipelineClassifier / pipelineRegressor: every sub-model, recursively.
     Every other type (tree ensembles, NMS, scaler, GLM, SVM, ...) is read as metadata: its
     type name, its description, and the counts of the common ones.

   THE IR
     model->graph           one graph: a neural network's layers, an mlProgram's main
                            function (nested blocks flattened into it), a pipeline's models
                            joined by feature name; a classic model is one node named after
                            its type. Values are blobs / MIL names; model inputs are the
                            description's inputs (images as [1, C, H, W]).
     graph->nodes[k]        ops with an ONNX equivalent carry the ONNX name and attributes
                            (convolution -> Conv, innerProduct / linear -> Gemm transB=1,
                            batchnorm -> BatchNormalization, pooling -> MaxPool, ...), so the
                            analysis' shape and cost rules apply; the weight layouts agree
                            (OIHW filters, [out, in] matrices). Others keep the Core ML name
                            in domain "coreml". Every node has STRING attribute "coreml_type".
     model->tensors         every weight: WeightParams (name "<layer>.<field>") and MIL
                            const / constexpr values (name = the value's name); data is a
                            view of the model file or the blob file (NULL when a blob file
                            was not available)
     model->kv              "coreml.model_type", "coreml.specification_version", metadata
                            ("coreml.author", "coreml.license", "coreml.short_description",
                            "coreml.version_string", "coreml.user.<key>")
     model->format_facts    the file-level facts as one JSON object (docs/json.md, "coreml")

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_coreml.h"

       hln_coreml_options opts = {0};
       hln_model *m; hln_error err;
       if (hln_coreml_load_file(&opts, "Model.mlpackage", &m, &err) == HLN_OK) {
           printf("%u weight tensors\n", m->n_tensors);   // passes: haoline_analysis.h
           hln_model_free(m);
       }

   FILES: hln_coreml_load_file reads a folder's Manifest.json, its root model and the blob
   files through opts->io (zero: the platform's). Item paths and blob paths must be relative,
   without '..' or empty components, and (platform file access) resolve inside the package,
   symbolic links included. A package's "files" facts list the files the reader opened.

   LIMITS (override before including)
       HLN_COREML_MAX_DEPTH      pipeline nesting and MIL block nesting (default 32)
       HLN_COREML_MAX_BLOBS      distinct blob files of one program (default 16)
       HLN_COREML_MAX_MANIFEST   Manifest.json bytes (default 1 MiB)

   FUNCTIONS
     hln_coreml_detect    is this a Core ML model message
     hln_coreml_parse     an .mlmodel in memory -> hln_model
     hln_coreml_load_file an .mlmodel file or an .mlpackage folder (Manifest.json, blob files)
   DOES NOT
     open a path that leaves the package, run a model, or include another format header.
*/
#ifndef HAOLINE_COREML_H
#define HAOLINE_COREML_H

#include "haoline_ir.h"

#define HAOLINE_COREML_VERSION_MAJOR 0
#define HAOLINE_COREML_VERSION_MINOR 1
#define HAOLINE_COREML_VERSION_PATCH 0

#ifndef HLN_COREML_MAX_DEPTH
#define HLN_COREML_MAX_DEPTH 32
#endif
#ifndef HLN_COREML_MAX_BLOBS
#define HLN_COREML_MAX_BLOBS 16
#endif
#ifndef HLN_COREML_MAX_MANIFEST
#define HLN_COREML_MAX_MANIFEST (1u << 20)
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_coreml_options {
    hln_allocator allocator;   /* zero: libc */
    hln_file_io   io;          /* hln_coreml_load_file's file access (manifest, model, blob files);
                                  zero: the platform's */
} hln_coreml_options;

/* 1 when data looks like a Core ML Model message: specificationVersion (field 1, a small
   varint) followed by a description (field 2) or a model type field, all well-formed. */
HLN_DEF int        hln_coreml_detect(const void *data, uint64_t size);
/* Parses one .mlmodel held in memory; the buffer must outlive the model. Blob-file values of
   an mlProgram stay unresolved (no package): their tensors have no data. */
HLN_DEF hln_result hln_coreml_parse(const hln_coreml_options *opts, const void *data, uint64_t size,
                                    hln_model **out, hln_error *err);
#ifndef HLN_NO_STDIO
/* path is an .mlmodel file or an .mlpackage folder (told by a Manifest.json inside). */
HLN_DEF hln_result hln_coreml_load_file(const hln_coreml_options *opts, const char *path,
                                        hln_model **out, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_COREML_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_COREML_IMPLEMENTATION)) && !defined(HAOLINE_COREML_IMPLEMENTED)
#define HAOLINE_COREML_IMPLEMENTED

#include <string.h>
#include <stdio.h>   /* snprintf */
#include <stdlib.h>  /* qsort; realpath's free */
#ifndef HLN_NO_STDIO
#if defined(__unix__) || defined(__APPLE__)
#define HLN_CM__POSIX 1
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

/* ---- schema facts (the .proto files in specs/coreml) ---------------------------------------------- */
/* Model.Type oneof: field number -> name (Model.proto). */
typedef struct hln_cm__name { uint32_t field; const char *name; } hln_cm__name;
static const hln_cm__name hln_cm__model_types[] = {
    {200, "pipelineClassifier"}, {201, "pipelineRegressor"}, {202, "pipeline"}, {300, "glmRegressor"},
    {301, "supportVectorRegressor"}, {302, "treeEnsembleRegressor"}, {303, "neuralNetworkRegressor"},
    {304, "bayesianProbitRegressor"}, {400, "glmClassifier"}, {401, "supportVectorClassifier"},
    {402, "treeEnsembleClassifier"}, {403, "neuralNetworkClassifier"}, {404, "kNearestNeighborsClassifier"},
    {500, "neuralNetwork"}, {501, "itemSimilarityRecommender"}, {502, "mlProgram"}, {555, "customModel"},
    {556, "linkedModel"}, {560, "classConfidenceThresholding"}, {600, "oneHotEncoder"}, {601, "imputer"},
    {602, "featureVectorizer"}, {603, "dictVectorizer"}, {604, "scaler"}, {606, "categoricalMapping"},
    {607, "normalizer"}, {609, "arrayFeatureExtractor"}, {610, "nonMaximumSuppression"}, {900, "identity"},
    {2000, "textClassifier"}, {2001, "wordTagger"}, {2002, "visionFeaturePrint"},
    {2003, "soundAnalysisPreprocessing"}, {2004, "gazetteer"}, {2005, "wordEmbedding"},
    {2006, "audioFeaturePrint"}, {3000, "serializedModel"}
};

/* NeuralNetworkLayer.layer oneof (NeuralNetwork.proto). */
static const hln_cm__name hln_cm__layer_types[] = {
    {100, "convolution"}, {120, "pooling"}, {130, "activation"}, {140, "innerProduct"}, {150, "embedding"},
    {160, "batchnorm"}, {165, "mvn"}, {170, "l2normalize"}, {175, "softmax"}, {180, "lrn"}, {190, "crop"},
    {200, "padding"}, {210, "upsample"}, {211, "resizeBilinear"}, {212, "cropResize"}, {220, "unary"},
    {230, "add"}, {231, "multiply"}, {240, "average"}, {245, "scale"}, {250, "bias"}, {260, "max"},
    {261, "min"}, {270, "dot"}, {280, "reduce"}, {290, "loadConstant"}, {300, "reshape"}, {301, "flatten"},
    {310, "permute"}, {320, "concat"}, {330, "split"}, {340, "sequenceRepeat"}, {345, "reorganizeData"},
    {350, "slice"}, {400, "simpleRecurrent"}, {410, "gru"}, {420, "uniDirectionalLSTM"},
    {430, "biDirectionalLSTM"}, {500, "custom"}, {600, "copy"}, {605, "branch"}, {615, "loop"},
    {620, "loopBreak"}, {625, "loopContinue"}, {635, "rangeStatic"}, {640, "rangeDynamic"}, {660, "clip"},
    {665, "ceil"}, {670, "floor"}, {680, "sign"}, {685, "round"}, {700, "exp2"}, {710, "sin"}, {715, "cos"},
    {720, "tan"}, {730, "asin"}, {735, "acos"}, {740, "atan"}, {750, "sinh"}, {755, "cosh"}, {760, "tanh"},
    {770, "asinh"}, {775, "acosh"}, {780, "atanh"}, {790, "erf"}, {795, "gelu"}, {815, "equal"},
    {820, "notEqual"}, {825, "lessThan"}, {827, "lessEqual"}, {830, "greaterThan"}, {832, "greaterEqual"},
    {840, "logicalOr"}, {845, "logicalXor"}, {850, "logicalNot"}, {855, "logicalAnd"},
    {865, "modBroadcastable"}, {870, "minBroadcastable"}, {875, "maxBroadcastable"},
    {880, "addBroadcastable"}, {885, "powBroadcastable"}, {890, "divideBroadcastable"},
    {895, "floorDivBroadcastable"}, {900, "multiplyBroadcastable"}, {905, "subtractBroadcastable"},
    {920, "tile"}, {925, "stack"}, {930, "gather"}, {935, "scatter"}, {940, "gatherND"}, {945, "scatterND"},
    {950, "softmaxND"}, {952, "gatherAlongAxis"}, {954, "scatterAlongAxis"}, {960, "reverse"},
    {965, "reverseSeq"}, {975, "splitND"}, {980, "concatND"}, {985, "transpose"}, {995, "sliceStatic"},
    {1000, "sliceDynamic"}, {1005, "slidingWindows"}, {1015, "topK"}, {1020, "argMin"}, {1025, "argMax"},
    {1040, "embeddingND"}, {1045, "batchedMatmul"}, {1065, "getShape"}, {1070, "loadConstantND"},
    {1080, "fillLike"}, {1085, "fillStatic"}, {1090, "fillDynamic"}, {1100, "broadcastToLike"},
    {1105, "broadcastToStatic"}, {1110, "broadcastToDynamic"}, {1120, "squeeze"}, {1125, "expandDims"},
    {1130, "flattenTo2D"}, {1135, "reshapeLike"}, {1140, "reshapeStatic"}, {1145, "reshapeDynamic"},
    {1150, "rankPreservingReshape"}, {1155, "constantPad"}, {1170, "randomNormalLike"},
    {1175, "randomNormalStatic"}, {1180, "randomNormalDynamic"}, {1190, "randomUniformLike"},
    {1195, "randomUniformStatic"}, {1200, "randomUniformDynamic"}, {1210, "randomBernoulliLike"},
    {1215, "randomBernoulliStatic"}, {1220, "randomBernoulliDynamic"}, {1230, "categoricalDistribution"},
    {1250, "reduceL1"}, {1255, "reduceL2"}, {1260, "reduceMax"}, {1265, "reduceMin"}, {1270, "reduceSum"},
    {1275, "reduceProd"}, {1280, "reduceMean"}, {1285, "reduceLogSum"}, {1290, "reduceSumSquare"},
    {1295, "reduceLogSumExp"}, {1313, "whereNonZero"}, {1315, "matrixBandPart"}, {1320, "lowerTriangular"},
    {1325, "upperTriangular"}, {1330, "whereBroadcastable"}, {1350, "layerNormalization"},
    {1400, "NonMaximumSuppression"}, {1450, "oneHot"}, {1455, "cumSum"}, {1460, "clampedReLU"},
    {1461, "argSort"}, {1465, "pooling3d"}, {1466, "globalPooling3d"}, {1470, "sliceBySize"},
    {1471, "convolution3d"}
};

/* Where WeightParams live: (message, field) -> WeightParams (child 0) or another message that
   holds some (NeuralNetwork.proto). Message ids: */
enum { HLN_CM__M_WEIGHTS = 0, HLN_CM__M_NN, HLN_CM__M_LAYER, HLN_CM__M_CONV, HLN_CM__M_CONV3D, HLN_CM__M_IP,
       HLN_CM__M_EMB, HLN_CM__M_BN, HLN_CM__M_BIAS, HLN_CM__M_SCALE, HLN_CM__M_LOADC, HLN_CM__M_RNN,
       HLN_CM__M_GRU, HLN_CM__M_LSTMW, HLN_CM__M_LSTM1, HLN_CM__M_LSTM2, HLN_CM__M_CUSTOM, HLN_CM__M_BMM,
       HLN_CM__M_LN, HLN_CM__M_ACT, HLN_CM__M_PRELU, HLN_CM__M_PSOFTPLUS, HLN_CM__M_BRANCH, HLN_CM__M_LOOP };
typedef struct hln_cm__wfield { uint8_t msg; uint16_t field; uint8_t child; const char *name; } hln_cm__wfield;
static const hln_cm__wfield hln_cm__wfields[] = {
    {HLN_CM__M_NN, 1, HLN_CM__M_LAYER, "layers"},
    {HLN_CM__M_LAYER, 100, HLN_CM__M_CONV, ""}, {HLN_CM__M_LAYER, 1471, HLN_CM__M_CONV3D, ""},
    {HLN_CM__M_LAYER, 140, HLN_CM__M_IP, ""}, {HLN_CM__M_LAYER, 150, HLN_CM__M_EMB, ""},
    {HLN_CM__M_LAYER, 1040, HLN_CM__M_EMB, ""}, {HLN_CM__M_LAYER, 160, HLN_CM__M_BN, ""},
    {HLN_CM__M_LAYER, 250, HLN_CM__M_BIAS, ""}, {HLN_CM__M_LAYER, 245, HLN_CM__M_SCALE, ""},
    {HLN_CM__M_LAYER, 290, HLN_CM__M_LOADC, ""}, {HLN_CM__M_LAYER, 1070, HLN_CM__M_LOADC, ""},
    {HLN_CM__M_LAYER, 400, HLN_CM__M_RNN, ""}, {HLN_CM__M_LAYER, 410, HLN_CM__M_GRU, ""},
    {HLN_CM__M_LAYER, 420, HLN_CM__M_LSTM1, ""}, {HLN_CM__M_LAYER, 430, HLN_CM__M_LSTM2, ""},
    {HLN_CM__M_LAYER, 500, HLN_CM__M_CUSTOM, ""}, {HLN_CM__M_LAYER, 1045, HLN_CM__M_BMM, ""},
    {HLN_CM__M_LAYER, 1350, HLN_CM__M_LN, ""}, {HLN_CM__M_LAYER, 130, HLN_CM__M_ACT, ""},
    {HLN_CM__M_LAYER, 605, HLN_CM__M_BRANCH, ""}, {HLN_CM__M_LAYER, 615, HLN_CM__M_LOOP, ""},
    {HLN_CM__M_CONV, 90, 0, "weights"}, {HLN_CM__M_CONV, 91, 0, "bias"},
    {HLN_CM__M_CONV3D, 60, 0, "weights"}, {HLN_CM__M_CONV3D, 61, 0, "bias"},
    {HLN_CM__M_IP, 20, 0, "weights"}, {HLN_CM__M_IP, 21, 0, "bias"},
    {HLN_CM__M_EMB, 20, 0, "weights"}, {HLN_CM__M_EMB, 21, 0, "bias"},
    {HLN_CM__M_BN, 15, 0, "gamma"}, {HLN_CM__M_BN, 16, 0, "beta"}, {HLN_CM__M_BN, 17, 0, "mean"},
    {HLN_CM__M_BN, 18, 0, "variance"}, {HLN_CM__M_BIAS, 2, 0, "bias"}, {HLN_CM__M_SCALE, 2, 0, "scale"},
    {HLN_CM__M_SCALE, 5, 0, "bias"}, {HLN_CM__M_LOADC, 2, 0, "data"},
    {HLN_CM__M_RNN, 30, 0, "weightMatrix"}, {HLN_CM__M_RNN, 31, 0, "recursionMatrix"}, {HLN_CM__M_RNN, 32, 0, "biasVector"},
    {HLN_CM__M_GRU, 30, 0, "updateGateWeightMatrix"}, {HLN_CM__M_GRU, 31, 0, "resetGateWeightMatrix"},
    {HLN_CM__M_GRU, 32, 0, "outputGateWeightMatrix"}, {HLN_CM__M_GRU, 50, 0, "updateGateRecursionMatrix"},
    {HLN_CM__M_GRU, 51, 0, "resetGateRecursionMatrix"}, {HLN_CM__M_GRU, 52, 0, "outputGateRecursionMatrix"},
    {HLN_CM__M_GRU, 70, 0, "updateGateBiasVector"}, {HLN_CM__M_GRU, 71, 0, "resetGateBiasVector"},
    {HLN_CM__M_GRU, 72, 0, "outputGateBiasVector"},
    {HLN_CM__M_LSTMW, 1, 0, "inputGateWeightMatrix"}, {HLN_CM__M_LSTMW, 2, 0, "forgetGateWeightMatrix"},
    {HLN_CM__M_LSTMW, 3, 0, "blockInputWeightMatrix"}, {HLN_CM__M_LSTMW, 4, 0, "outputGateWeightMatrix"},
    {HLN_CM__M_LSTMW, 20, 0, "inputGateRecursionMatrix"}, {HLN_CM__M_LSTMW, 21, 0, "forgetGateRecursionMatrix"},
    {HLN_CM__M_LSTMW, 22, 0, "blockInputRecursionMatrix"}, {HLN_CM__M_LSTMW, 23, 0, "outputGateRecursionMatrix"},
    {HLN_CM__M_LSTMW, 40, 0, "inputGateBiasVector"}, {HLN_CM__M_LSTMW, 41, 0, "forgetGateBiasVector"},
    {HLN_CM__M_LSTMW, 42, 0, "blockInputBiasVector"}, {HLN_CM__M_LSTMW, 43, 0, "outputGateBiasVector"},
    {HLN_CM__M_LSTMW, 60, 0, "inputGatePeepholeVector"}, {HLN_CM__M_LSTMW, 61, 0, "forgetGatePeepholeVector"},
    {HLN_CM__M_LSTMW, 62, 0, "outputGatePeepholeVector"},
    {HLN_CM__M_LSTM1, 20, HLN_CM__M_LSTMW, "weightParams"}, {HLN_CM__M_LSTM2, 20, HLN_CM__M_LSTMW, "weightParams"},
    {HLN_CM__M_CUSTOM, 20, 0, "weights"}, {HLN_CM__M_BMM, 8, 0, "weights"}, {HLN_CM__M_BMM, 9, 0, "bias"},
    {HLN_CM__M_LN, 3, 0, "gamma"}, {HLN_CM__M_LN, 4, 0, "beta"},
    {HLN_CM__M_ACT, 25, HLN_CM__M_PRELU, "PReLU"}, {HLN_CM__M_ACT, 71, HLN_CM__M_PSOFTPLUS, "parametricSoftplus"},
    {HLN_CM__M_PRELU, 1, 0, "alpha"}, {HLN_CM__M_PSOFTPLUS, 1, 0, "alpha"}, {HLN_CM__M_PSOFTPLUS, 2, 0, "beta"},
    {HLN_CM__M_BRANCH, 1, HLN_CM__M_NN, "ifBranch"}, {HLN_CM__M_BRANCH, 2, HLN_CM__M_NN, "elseBranch"},
    {HLN_CM__M_LOOP, 3, HLN_CM__M_NN, "conditionNetwork"}, {HLN_CM__M_LOOP, 4, HLN_CM__M_NN, "bodyNetwork"}
};

/* FeatureType oneof (FeatureTypes.proto). */
static const char *const hln_cm__feature_types[] = { "", "int64Type", "doubleType", "stringType", "imageType",
    "multiArrayType", "dictionaryType", "sequenceType", "stateType" };

/* MIL DataType (MIL.proto): id, name, bits, blob dtype (BlobDataType.hpp, 0 none), IR dtype. */
typedef struct hln_cm__mil_type { uint32_t id; const char *name; uint32_t bits, blob; hln_dtype dtype; } hln_cm__mil_type;
static const hln_cm__mil_type hln_cm__mil_types[] = {
    {1, "BOOL", 8, 0, HLN_DTYPE_BOOL}, {2, "STRING", 0, 0, HLN_DTYPE_STRING},
    {40, "FLOAT8E4M3FN", 8, 16, HLN_DTYPE_F8_E4M3}, {41, "FLOAT8E5M2", 8, 17, HLN_DTYPE_F8_E5M2},
    {10, "FLOAT16", 16, 1, HLN_DTYPE_F16}, {11, "FLOAT32", 32, 2, HLN_DTYPE_F32}, {12, "FLOAT64", 64, 0, HLN_DTYPE_F64},
    {13, "BFLOAT16", 16, 5, HLN_DTYPE_BF16}, {21, "INT8", 8, 4, HLN_DTYPE_I8}, {22, "INT16", 16, 6, HLN_DTYPE_I16},
    {23, "INT32", 32, 14, HLN_DTYPE_I32}, {24, "INT64", 64, 0, HLN_DTYPE_I64}, {25, "INT4", 4, 8, HLN_DTYPE_I4},
    {31, "UINT8", 8, 3, HLN_DTYPE_U8}, {32, "UINT16", 16, 7, HLN_DTYPE_U16}, {33, "UINT32", 32, 15, HLN_DTYPE_U32},
    {34, "UINT64", 64, 0, HLN_DTYPE_U64}, {35, "UINT4", 4, 11, HLN_DTYPE_U4}, {36, "UINT2", 2, 10, HLN_DTYPE_U2},
    {37, "UINT1", 1, 9, HLN_DTYPE_UNKNOWN}, {38, "UINT6", 6, 13, HLN_DTYPE_UNKNOWN}, {39, "UINT3", 3, 12, HLN_DTYPE_UNKNOWN}
};
static const hln_cm__mil_type *hln_cm__mil_type_get(uint64_t id) {
    size_t i;
    for (i = 0; i < sizeof hln_cm__mil_types / sizeof hln_cm__mil_types[0]; i++)
        if (hln_cm__mil_types[i].id == id) return &hln_cm__mil_types[i];
    return NULL;
}

static const char *hln_cm__lookup(const hln_cm__name *t, size_t n, uint64_t field) {
    size_t i;
    for (i = 0; i < n; i++) if (t[i].field == field) return t[i].name;
    return NULL;
}
#define HLN_CM__LOOKUP(table, field) hln_cm__lookup(table, sizeof table / sizeof table[0], field)

static const char *hln_cm__array_dtype(uint64_t v) {   /* ArrayFeatureType.ArrayDataType */
    switch (v) {
    case 65568: return "FLOAT32"; case 65600: return "DOUBLE"; case 131104: return "INT32";
    case 131080: return "INT8"; case 65552: return "FLOAT16"; default: return "INVALID_ARRAY_DATA_TYPE";
    }
}
static hln_dtype hln_cm__array_ir_dtype(uint64_t v) {
    switch (v) {
    case 65568: return HLN_DTYPE_F32; case 65600: return HLN_DTYPE_F64; case 131104: return HLN_DTYPE_I32;
    case 131080: return HLN_DTYPE_I8; case 65552: return HLN_DTYPE_F16; default: return HLN_DTYPE_UNKNOWN;
    }
}
static const char *hln_cm__color_space(uint64_t v) {
    switch (v) {
    case 10: return "GRAYSCALE"; case 20: return "RGB"; case 30: return "BGR"; case 40: return "GRAYSCALE_FLOAT16";
    default: return "INVALID_COLOR_SPACE";
    }
}

/* ---- parser state ---- */

typedef struct hln_cm__blob {        /* one blob file of a package */
    const char    *ref;              /* as the program names it ("@model_path/weights/weight.bin") */
    const char    *rel;              /* path inside the package */
    const uint8_t *data;
    uint64_t       size;
    uint32_t       file;             /* index into model->files */
    uint32_t       count, version;   /* storage header */
} hln_cm__blob;

typedef struct hln_cm__stats {       /* WeightParams by precision */
    uint64_t weight_params, total_elements, total_bytes, quant_params;
    uint32_t n_prec;
    struct { char name[32]; uint64_t tensors, elements, bytes; } prec[24];
} hln_cm__stats;

typedef struct hln_cm__hist { uint32_t n; struct { const char *name; uint64_t count; } e[256]; } hln_cm__hist;

typedef struct hln_cm__p {
    hln_model     *m;
    hln_error     *err;
    const uint8_t *data;             /* the model spec */
    uint64_t       size;
    uint32_t       file;             /* its model->files index */
    hln_jw         jb;               /* the facts document (model->format_facts) */
    /* package */
    int            package;
    const hln_file_io *io;
    const char    *pkg_dir;          /* the package folder */
    const char    *model_rel;        /* the root model's path inside the package */
    struct hln_cm__manifest *mf;     /* the package's manifest */
    hln_cm__blob   blobs[HLN_COREML_MAX_BLOBS];
    uint32_t       n_blobs;
    /* the graph under construction */
    hln_value     *values;
    uint32_t       n_values, cap_values;
    uint32_t      *vmap;             /* open addressing: value index + 1 */
    uint32_t       vmap_cap;
    hln_node      *nodes;
    uint32_t       n_nodes, cap_nodes;
    int32_t       *g_inputs, *g_outputs;
    hln_strmap     g_io_names[2];    /* names already in g_inputs / g_outputs (hln_cm__names_add) */
    uint32_t       n_g_inputs, n_g_outputs, cap_g_inputs, cap_g_outputs;
    hln_tensor    *tensors;
    uint32_t       n_tensors, cap_tensors;
    struct hln_cm__param *params;    /* parallel to values: small const values (MIL) */
    uint32_t       cap_params;
    uint32_t       cap_kv;
    int            build_ir;         /* 0 while reading a part that does not become IR */
    int            nn_image_rank4;   /* inputs of neural networks: images as [1, C, H, W] */
} hln_cm__p;

static hln_result hln_cm__nomem(hln_cm__p *p, uint64_t at) {
    return hln_error_set(p->err, HLN_ERR_NOMEM, at, "", "out of memory");
}

/* ---- the facts document: the hub's JSON writer, a key (NULL inside arrays) with each value.
   Names from the model (features, functions' inputs and outputs, pipeline members, files,
   free-text metadata) go through hln_jw_name: --redact-names hides them. */
static void hln_cm__jb_key(hln_cm__p *p, const char *key) { if (key) hln_jw_key(&p->jb, key); }
static void hln_cm__jb_open(hln_cm__p *p, const char *key, char c) { hln_cm__jb_key(p, key); hln_jw_open(&p->jb, c); }
static void hln_cm__jb_close(hln_cm__p *p, char c) { hln_jw_close(&p->jb, c); }
static void hln_cm__jb_kstr(hln_cm__p *p, const char *key, const char *s, size_t n) { hln_cm__jb_key(p, key); hln_jw_str(&p->jb, s, n); }
static void hln_cm__jb_kname(hln_cm__p *p, const char *key, const char *s, size_t n) { hln_cm__jb_key(p, key); hln_jw_name(&p->jb, s, n); }
static void hln_cm__jb_ku(hln_cm__p *p, const char *key, uint64_t v) { hln_cm__jb_key(p, key); hln_jw_u64(&p->jb, v); }
static void hln_cm__jb_ki(hln_cm__p *p, const char *key, int64_t v) { hln_cm__jb_key(p, key); hln_jw_i64(&p->jb, v); }
static void hln_cm__jb_kf(hln_cm__p *p, const char *key, double v) {
    char t[40];
    hln_cm__jb_key(p, key);
    if (v != v || v - v != 0) { hln_jw_raw(&p->jb, "null"); return; }   /* NaN, inf: JSON has none */
    snprintf(t, sizeof t, "%.17g", v);
    hln_jw_raw(&p->jb, t);
}
static void hln_cm__jb_kb(hln_cm__p *p, const char *key, int v) { hln_cm__jb_key(p, key); hln_jw_raw(&p->jb, v ? "true" : "false"); }

/* ---- protobuf helpers ---- */
/* Checks a field's wire type against the schema's. */
static hln_result hln_cm__want(hln_cm__p *p, const hln_pb_field *f, uint32_t wire, const char *msg) {
    if (f->wire_type == wire) return HLN_OK;
    return hln_error_set(p->err, HLN_ERR_SYNTAX, f->offset, msg, "wrong wire type %u for field %u (the schema says %u)",
                         (unsigned)f->wire_type, (unsigned)f->number, (unsigned)wire);
}
/* A string field as a NUL-terminated arena copy. */
static hln_result hln_cm__str(hln_cm__p *p, const hln_pb_field *f, const char *msg, const char **out) {
    char *s;
    hln_result r = hln_cm__want(p, f, HLN_PB_LEN, msg);
    if (r != HLN_OK) return r;
    if (f->len > HLN_MAX_NAME)
        return hln_error_set(p->err, HLN_ERR_LIMIT, f->offset, msg, "string of %llu bytes is longer than HLN_MAX_NAME",
                             (unsigned long long)f->len);
    s = hln_arena_strndup(&p->m->arena, (const char *)p->data + f->data_offset, (size_t)f->len);
    if (!s) return hln_cm__nomem(p, f->offset);
    *out = s;
    return HLN_OK;
}
static hln_pb hln_cm__reader(const hln_cm__p *p, uint64_t pos, uint64_t end) {
    hln_pb r;
    r.data = p->data;
    r.pos = pos;
    r.end = end;
    return r;
}
/* A map<string, V> entry { key = 1, value = 2 }: the key (an arena copy, "" when absent) and
   the value's span (at 0 when absent). */
static hln_result hln_cm__map_entry(hln_cm__p *p, const hln_pb *r, const hln_pb_field *f, const char *what,
                                    const char **key, uint64_t *at, uint64_t *len) {
    hln_pb er;
    hln_pb_field g;
    hln_result res;
    *key = "";
    *at = *len = 0;
    if ((res = hln_cm__want(p, f, HLN_PB_LEN, what)) != HLN_OK) return res;
    er = hln_pb_sub(r, f);
    while ((res = hln_pb_next(&er, &g, p->err)) == HLN_OK && g.number)
        if (g.number == 1) { if ((res = hln_cm__str(p, &g, what, key)) != HLN_OK) return res; }
        else if (g.number == 2) {
            if ((res = hln_cm__want(p, &g, HLN_PB_LEN, what)) != HLN_OK) return res;
            *at = g.data_offset;
            *len = g.len;
        }
    return res;
}

/* Iterates the elements of a repeated varint field occurrence (packed or not). */
typedef struct hln_cm__ints { const uint8_t *p; uint64_t pos, end; uint64_t single; int one; } hln_cm__ints;
static void hln_cm__ints_init(hln_cm__ints *it, const hln_cm__p *p, const hln_pb_field *f) {
    it->p = p->data;
    it->one = f->wire_type == HLN_PB_VARINT;
    it->single = f->value;
    it->pos = f->data_offset;
    it->end = it->one ? 0 : f->data_offset + f->len;
}
/* Next element; 0 at the end. The field was checked by hln_pb_count first. */
static int hln_cm__ints_next(hln_cm__ints *it, uint64_t *v) {
    uint32_t n;
    if (it->one) { if (it->one == 2) return 0; it->one = 2; *v = it->single; return 1; }
    if (it->pos >= it->end || hln_pb_varint(it->p + it->pos, it->end - it->pos, v, &n) != HLN_OK) return 0;
    it->pos += n;
    return 1;
}
static hln_result hln_cm__count(hln_cm__p *p, const hln_pb_field *f, uint32_t wire, uint64_t *n, const char *msg) {
    hln_pb r = hln_cm__reader(p, 0, p->size);
    hln_result res = hln_pb_count(&r, f, wire, n, p->err);
    if (res != HLN_OK && p->err) { strncpy(p->err->path, msg, sizeof p->err->path - 1); p->err->path[sizeof p->err->path - 1] = 0; }
    return res;
}

/* ---- the graph under construction ---- */
static uint32_t hln_cm__hash(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}
/* ---- name sets: the hub's hln_strmap, rebuilt at twice the size when full ---- */
/* 1 when name was added, 0 when it was there, -1 out of memory. The caller frees the map. */
static int hln_cm__names_add(hln_cm__p *p, hln_strmap *s, const char *name) {
    size_t n = strlen(name);
    hln_strmap big;
    uint32_t i;
    if (!s->e && !hln_strmap_init(s, &p->m->arena.allocator, 32)) return -1;
    if (s->n < s->capacity) return hln_strmap_put(s, name, n, 0);
    if (hln_strmap_get(s, name, n) >= 0) return 0;
    if (s->capacity > (1u << 28) || !hln_strmap_init(&big, &s->alloc, s->capacity * 2)) return -1;
    for (i = 0; i <= s->mask; i++) if (s->e[i].key) hln_strmap_put(&big, s->e[i].key, s->e[i].len, s->e[i].value);
    hln_strmap_free(s);
    *s = big;
    return hln_strmap_put(s, name, n, 0);
}

static hln_result hln_cm__grow(hln_cm__p *p, void **arr, uint32_t *cap, uint32_t n, size_t elem) {
    uint64_t ncap;
    void *na;
    if (n < *cap) return HLN_OK;
    ncap = *cap ? (uint64_t)*cap * 2 : 16;
    if (ncap > UINT32_MAX / 2) return hln_error_set(p->err, HLN_ERR_LIMIT, 0, "", "too many values, nodes or tensors");
    na = hln_arena_array(&p->m->arena, ncap, elem);
    if (!na) return hln_cm__nomem(p, 0);
    if (n) memcpy(na, *arr, (size_t)n * elem);
    *arr = na;
    *cap = (uint32_t)ncap;
    return HLN_OK;
}
static hln_result hln_cm__grow_params(hln_cm__p *p);
static int32_t hln_cm__find_value(const hln_cm__p *p, const char *name) {
    uint32_t s;
    if (!p->vmap_cap) return -1;
    s = hln_cm__hash(name) & (p->vmap_cap - 1);
    while (p->vmap[s]) {
        uint32_t v = p->vmap[s] - 1;
        if (strcmp(p->values[v].name, name) == 0) return (int32_t)v;
        s = (s + 1) & (p->vmap_cap - 1);
    }
    return -1;
}
static hln_result hln_cm__vmap_put(hln_cm__p *p, uint32_t v) {
    uint32_t s;
    if ((uint64_t)(p->n_values + 1) * 2 > p->vmap_cap) {   /* rehash at half load */
        uint32_t cap = p->vmap_cap ? p->vmap_cap * 2 : 64, i;
        uint32_t *nm = (uint32_t *)hln_arena_array(&p->m->arena, cap, sizeof *nm);
        if (!nm || cap > (1u << 30)) return hln_cm__nomem(p, 0);
        p->vmap = nm;
        p->vmap_cap = cap;
        for (i = 0; i < v; i++) {
            s = hln_cm__hash(p->values[i].name) & (cap - 1);
            while (nm[s]) s = (s + 1) & (cap - 1);
            nm[s] = i + 1;
        }
    }
    s = hln_cm__hash(p->values[v].name) & (p->vmap_cap - 1);
    while (p->vmap[s]) s = (s + 1) & (p->vmap_cap - 1);
    p->vmap[s] = v + 1;
    return HLN_OK;
}
/* The value named name, created (undeclared) when new. */
static hln_result hln_cm__value(hln_cm__p *p, const char *name, int32_t *out) {
    hln_value *v;
    hln_result r;
    int32_t found = hln_cm__find_value(p, name);
    if (found >= 0) { *out = found; return HLN_OK; }
    if ((r = hln_cm__grow(p, (void **)&p->values, &p->cap_values, p->n_values, sizeof *p->values)) != HLN_OK) return r;
    if ((r = hln_cm__grow_params(p)) != HLN_OK) return r;
    v = &p->values[p->n_values];
    memset(v, 0, sizeof *v);
    v->name = name;
    v->tensor = v->producer = v->outer = -1;
    v->shape.rank = -1;
    v->inferred.rank = -1;
    if ((r = hln_cm__vmap_put(p, p->n_values)) != HLN_OK) return r;
    *out = (int32_t)p->n_values++;
    return HLN_OK;
}
static hln_result hln_cm__set_shape(hln_cm__p *p, int32_t vi, hln_dtype dt, uint32_t rank, const int64_t *dims) {
    hln_value *v = &p->values[vi];
    uint32_t i;
    v->dtype = dt;
    if (rank > HLN_MAX_DIMS) return HLN_OK;
    v->shape.rank = (int32_t)rank;
    v->shape.dims = (hln_dim *)hln_arena_array(&p->m->arena, rank ? rank : 1, sizeof(hln_dim));
    if (!v->shape.dims) return hln_cm__nomem(p, 0);
    for (i = 0; i < rank; i++) v->shape.dims[i].value = dims[i];
    return HLN_OK;
}
/* Value v becomes a graph input (out 0) or output (out 1), once. */
static hln_result hln_cm__io_add(hln_cm__p *p, int out, int32_t v) {
    int32_t **arr = out ? &p->g_outputs : &p->g_inputs;
    uint32_t *n = out ? &p->n_g_outputs : &p->n_g_inputs, *cap = out ? &p->cap_g_outputs : &p->cap_g_inputs;
    int added = hln_cm__names_add(p, &p->g_io_names[out], p->values[v].name);
    hln_result r;
    if (added < 0) return hln_cm__nomem(p, 0);
    if (!added) return HLN_OK;
    if ((r = hln_cm__grow(p, (void **)arr, cap, *n, sizeof **arr)) != HLN_OK) return r;
    (*arr)[(*n)++] = v;
    return HLN_OK;
}

/* A node under construction: inputs/outputs by name, attributes, then hln_cm__node_add. */
#define HLN_CM__MAX_ATTRS 12
#define HLN_CM__MAX_IO 64
typedef struct hln_cm__nb {
    const char *name, *op, *domain;
    uint32_t    n_in, n_out, n_attrs;
    int32_t     in[HLN_CM__MAX_IO], out[HLN_CM__MAX_IO];
    hln_attr    attrs[HLN_CM__MAX_ATTRS];
} hln_cm__nb;

static void hln_cm__nb_init(hln_cm__nb *b, const char *name, const char *op, const char *domain) {
    memset(b, 0, sizeof *b);
    b->name = name ? name : "";
    b->op = op;
    b->domain = domain;
}
static hln_result hln_cm__nb_in(hln_cm__p *p, hln_cm__nb *b, const char *name) {
    int32_t v = -1;
    hln_result r;
    if (name && (r = hln_cm__value(p, name, &v)) != HLN_OK) return r;
    if (b->n_in < HLN_CM__MAX_IO) b->in[b->n_in++] = v;
    return HLN_OK;
}
static hln_result hln_cm__nb_out(hln_cm__p *p, hln_cm__nb *b, const char *name) {
    int32_t v;
    hln_result r = hln_cm__value(p, name, &v);
    if (r != HLN_OK) return r;
    if (b->n_out < HLN_CM__MAX_IO) b->out[b->n_out++] = v;
    return HLN_OK;
}
static hln_attr *hln_cm__nb_attr(hln_cm__nb *b, const char *name, hln_attr_type t) {
    hln_attr *a;
    if (b->n_attrs >= HLN_CM__MAX_ATTRS) return NULL;
    a = &b->attrs[b->n_attrs++];
    a->name = name;
    a->type = t;
    return a;
}
static void hln_cm__nb_int(hln_cm__nb *b, const char *name, int64_t v) {
    hln_attr *a = hln_cm__nb_attr(b, name, HLN_ATTR_INT);
    if (a) a->i = v;
}
static void hln_cm__nb_float(hln_cm__nb *b, const char *name, float v) {
    hln_attr *a = hln_cm__nb_attr(b, name, HLN_ATTR_FLOAT);
    if (a) a->f = v;
}
static void hln_cm__nb_str(hln_cm__nb *b, const char *name, const char *s) {
    hln_attr *a = hln_cm__nb_attr(b, name, HLN_ATTR_STRING);
    if (a) { a->s.ptr = s; a->s.len = strlen(s); }
}
static hln_result hln_cm__nb_ints(hln_cm__p *p, hln_cm__nb *b, const char *name, const int64_t *v, uint32_t n) {
    hln_attr *a = hln_cm__nb_attr(b, name, HLN_ATTR_INTS);
    if (!a) return HLN_OK;
    a->ints = (int64_t *)hln_arena_array(&p->m->arena, n ? n : 1, sizeof(int64_t));
    if (!a->ints) return hln_cm__nomem(p, 0);
    if (n) memcpy(a->ints, v, n * sizeof(int64_t));
    a->count = n;
    return HLN_OK;
}
static hln_result hln_cm__node_add(hln_cm__p *p, hln_cm__nb *b, const char *coreml_type) {
    hln_node *n;
    hln_result r;
    uint32_t i;
    hln_cm__nb_str(b, "coreml_type", coreml_type);
    if ((r = hln_cm__grow(p, (void **)&p->nodes, &p->cap_nodes, p->n_nodes, sizeof *p->nodes)) != HLN_OK) return r;
    n = &p->nodes[p->n_nodes];
    memset(n, 0, sizeof *n);
    n->name = b->name;
    n->op_type = b->op;
    n->domain = b->domain ? b->domain : "";
    n->inputs = (int32_t *)hln_arena_array(&p->m->arena, b->n_in ? b->n_in : 1, sizeof(int32_t));
    n->outputs = (int32_t *)hln_arena_array(&p->m->arena, b->n_out ? b->n_out : 1, sizeof(int32_t));
    n->attrs = (hln_attr *)hln_arena_array(&p->m->arena, b->n_attrs ? b->n_attrs : 1, sizeof(hln_attr));
    if (!n->inputs || !n->outputs || !n->attrs) return hln_cm__nomem(p, 0);
    if (b->n_in) memcpy(n->inputs, b->in, b->n_in * sizeof(int32_t));
    if (b->n_out) memcpy(n->outputs, b->out, b->n_out * sizeof(int32_t));
    if (b->n_attrs) memcpy(n->attrs, b->attrs, b->n_attrs * sizeof(hln_attr));
    n->n_inputs = b->n_in;
    n->n_outputs = b->n_out;
    n->n_attrs = b->n_attrs;
    for (i = 0; i < b->n_out; i++)
        if (p->values[b->out[i]].producer < 0) p->values[b->out[i]].producer = (int32_t)p->n_nodes;
    p->n_nodes++;
    return HLN_OK;
}

/* A weight tensor; *index_out its model->tensors index. data may be NULL (blob not loaded). */
static hln_result hln_cm__tensor(hln_cm__p *p, const char *name, hln_dtype dt, int32_t native, uint32_t n_dims,
                                 const int64_t *dims, uint64_t n_elements, uint64_t n_bytes, uint32_t file,
                                 uint64_t file_offset, const uint8_t *data, int32_t *index_out) {
    hln_tensor *t;
    hln_result r;
    if ((r = hln_cm__grow(p, (void **)&p->tensors, &p->cap_tensors, p->n_tensors, sizeof *p->tensors)) != HLN_OK) return r;
    t = &p->tensors[p->n_tensors];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->dtype = dt;
    t->native_type = native;
    t->n_dims = n_dims;
    t->dims = (int64_t *)hln_arena_array(&p->m->arena, n_dims ? n_dims : 1, sizeof(int64_t));
    if (!t->dims) return hln_cm__nomem(p, 0);
    if (n_dims) memcpy(t->dims, dims, n_dims * sizeof(int64_t));
    t->n_elements = n_elements;
    t->n_bytes = n_bytes;
    t->file = file;
    t->offset = file_offset;
    t->file_offset = file_offset;
    t->data = data;
    *index_out = (int32_t)p->n_tensors++;
    return HLN_OK;
}
/* Binds a tensor to the value of that name (an initializer of the graph). */
static hln_result hln_cm__bind(hln_cm__p *p, const char *name, int32_t tensor, int32_t *value_out) {
    int32_t v;
    hln_result r = hln_cm__value(p, name, &v);
    if (r != HLN_OK) return r;
    p->values[v].tensor = tensor;
    p->values[v].dtype = p->tensors[tensor].dtype;
    if ((r = hln_cm__set_shape(p, v, p->tensors[tensor].dtype, p->tensors[tensor].n_dims, p->tensors[tensor].dims)) != HLN_OK)
        return r;
    if (value_out) *value_out = v;
    return HLN_OK;
}

/* ---- histograms (layer and op types) ---- */
static void hln_cm__hist_add(hln_cm__hist *h, const char *name) {
    uint32_t i;
    for (i = 0; i < h->n; i++) if (strcmp(h->e[i].name, name) == 0) { h->e[i].count++; return; }
    if (h->n < sizeof h->e / sizeof h->e[0]) { h->e[h->n].name = name; h->e[h->n].count = 1; h->n++; }
}
static int hln_cm__hist_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
static void hln_cm__hist_write(hln_cm__p *p, const char *key, hln_cm__hist *h) {
    uint32_t i;
    qsort(h->e, h->n, sizeof h->e[0], hln_cm__hist_cmp);   /* the name is the first member */
    hln_cm__jb_open(p, key, '{');
    for (i = 0; i < h->n; i++) hln_cm__jb_ku(p, h->e[i].name, h->e[i].count);
    hln_cm__jb_close(p, '}');
}

/* ---- feature descriptions (FeatureTypes.proto) ------------------------------------------- */
typedef struct hln_cm__shape { uint32_t rank; int64_t dims[HLN_MAX_DIMS]; } hln_cm__shape;

/* repeated int64 shape: every dim >= 0, the element count within 64 bits. */
static hln_result hln_cm__read_shape(hln_cm__p *p, const hln_pb_field *f, hln_cm__shape *s, const char *msg) {
    hln_cm__ints it;
    uint64_t n, v, product = 1;
    hln_result r = hln_cm__count(p, f, HLN_PB_VARINT, &n, msg);
    if (r != HLN_OK) return r;
    hln_cm__ints_init(&it, p, f);
    while (hln_cm__ints_next(&it, &v)) {
        if ((int64_t)v < 0)
            return hln_error_set(p->err, HLN_ERR_RANGE, f->offset, msg, "negative dimension %lld", (long long)(int64_t)v);
        if (s->rank >= HLN_MAX_DIMS)
            return hln_error_set(p->err, HLN_ERR_LIMIT, f->offset, msg, "rank above HLN_MAX_DIMS (%d)", HLN_MAX_DIMS);
        if (v && product && hln_mul_overflow(product, v, &product))
            return hln_error_set(p->err, HLN_ERR_OVERFLOW, f->offset, msg, "shape element count overflows 64 bits");
        if (!v) product = 0;
        s->dims[s->rank++] = (int64_t)v;
    }
    return HLN_OK;
}

static void hln_cm__write_shape(hln_cm__p *p, const char *key, const hln_cm__shape *s) {
    uint32_t i;
    hln_cm__jb_open(p, key, '[');
    for (i = 0; i < s->rank; i++) hln_cm__jb_ki(p, NULL, s->dims[i]);
    hln_cm__jb_close(p, ']');
}

/* SizeRange {lowerBound = 1 (uint64), upperBound = 2 (int64, negative: unbounded)}. */
static hln_result hln_cm__size_range(hln_cm__p *p, hln_pb sub) {
    hln_pb_field f;
    hln_result r;
    uint64_t lo = 0;
    int64_t hi = 0;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if ((f.number == 1 || f.number == 2) && (r = hln_cm__want(p, &f, HLN_PB_VARINT, "SizeRange")) != HLN_OK) return r;
        if (f.number == 1) lo = f.value;
        else if (f.number == 2) hi = (int64_t)f.value;
    }
    if (r != HLN_OK) return r;
    hln_cm__jb_open(p, NULL, '[');
    hln_cm__jb_ku(p, NULL, lo);
    hln_cm__jb_ki(p, NULL, hi);
    hln_cm__jb_close(p, ']');
    return HLN_OK;
}

/* ArrayFeatureType: shape = 1, dataType = 2, enumeratedShapes = 21, shapeRange = 31. */
static hln_result hln_cm__array_type(hln_cm__p *p, hln_pb sub, const char *fname, int32_t value) {
    hln_pb_field f;
    hln_result r;
    hln_cm__shape s;
    uint64_t dtype = 0;
    uint64_t enum_at = 0, enum_len = 0, range_at = 0, range_len = 0;
    s.rank = 0;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) { if ((r = hln_cm__read_shape(p, &f, &s, fname)) != HLN_OK) return r; }
        else if (f.number == 2) { if ((r = hln_cm__want(p, &f, HLN_PB_VARINT, fname)) != HLN_OK) return r; dtype = f.value; }
        else if (f.number == 21 || f.number == 31) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, fname)) != HLN_OK) return r;
            if (f.number == 21) { enum_at = f.data_offset; enum_len = f.len; }
            else { range_at = f.data_offset; range_len = f.len; }
        }
    }
    if (r != HLN_OK) return r;
    hln_cm__write_shape(p, "shape", &s);
    hln_cm__jb_kstr(p, "data_type", hln_cm__array_dtype(dtype), strlen(hln_cm__array_dtype(dtype)));
    if (range_at) {   /* ShapeRange { repeated SizeRange sizeRanges = 1 } */
        hln_pb rr = hln_cm__reader(p, range_at, range_at + range_len);
        hln_cm__jb_open(p, "shape_range", '[');
        while ((r = hln_pb_next(&rr, &f, p->err)) == HLN_OK && f.number) {
            if (f.number != 1) continue;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "shapeRange")) != HLN_OK) return r;
            if ((r = hln_cm__size_range(p, hln_pb_sub(&rr, &f))) != HLN_OK) return r;
        }
        if (r != HLN_OK) return r;
        hln_cm__jb_close(p, ']');
    }
    if (enum_at) {   /* EnumeratedShapes { repeated Shape shapes = 1 }, Shape { repeated int64 shape = 1 } */
        hln_pb er = hln_cm__reader(p, enum_at, enum_at + enum_len);
        hln_cm__jb_open(p, "enumerated_shapes", '[');
        while ((r = hln_pb_next(&er, &f, p->err)) == HLN_OK && f.number) {
            hln_pb sr;
            hln_pb_field g;
            hln_cm__shape es;
            if (f.number != 1) continue;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "enumeratedShapes")) != HLN_OK) return r;
            sr = hln_pb_sub(&er, &f);
            es.rank = 0;
            while ((r = hln_pb_next(&sr, &g, p->err)) == HLN_OK && g.number)
                if (g.number == 1 && (r = hln_cm__read_shape(p, &g, &es, "enumeratedShapes")) != HLN_OK) return r;
            if (r != HLN_OK) return r;
            hln_cm__write_shape(p, NULL, &es);
        }
        if (r != HLN_OK) return r;
        hln_cm__jb_close(p, ']');
    }
    if (value >= 0 && p->build_ir) {
        hln_cm__shape g = s;
        if (p->nn_image_rank4 && s.rank == 3) {   /* neural networks read [C, H, W] arrays as one image */
            memmove(g.dims + 1, g.dims, 3 * sizeof g.dims[0]);
            g.dims[0] = 1;
            g.rank = 4;
        }
        return hln_cm__set_shape(p, value, hln_cm__array_ir_dtype(dtype), g.rank, g.dims);
    }
    return HLN_OK;
}

/* ImageFeatureType: width = 1, height = 2, colorSpace = 3. */
static hln_result hln_cm__image_type(hln_cm__p *p, hln_pb sub, const char *fname, int32_t value) {
    hln_pb_field f;
    hln_result r;
    int64_t w = 0, h = 0;
    uint64_t cs = 0;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number >= 1 && f.number <= 3 && (r = hln_cm__want(p, &f, HLN_PB_VARINT, fname)) != HLN_OK) return r;
        if (f.number == 1) w = (int64_t)f.value;
        else if (f.number == 2) h = (int64_t)f.value;
        else if (f.number == 3) cs = f.value;
    }
    if (r != HLN_OK) return r;
    if (w < 0 || h < 0) return hln_error_set(p->err, HLN_ERR_RANGE, sub.pos, fname, "negative image size");
    hln_cm__jb_ki(p, "width", w);
    hln_cm__jb_ki(p, "height", h);
    hln_cm__jb_kstr(p, "color_space", hln_cm__color_space(cs), strlen(hln_cm__color_space(cs)));
    if (value >= 0 && p->build_ir) {
        int64_t dims[4];
        dims[0] = 1;
        dims[1] = cs == 10 || cs == 40 ? 1 : 3;
        dims[2] = h;
        dims[3] = w;
        return hln_cm__set_shape(p, value, cs == 40 ? HLN_DTYPE_F16 : HLN_DTYPE_U8, 4, dims);
    }
    return HLN_OK;
}

/* FeatureDescription { name = 1, shortDescription = 2, type = 3 }; FeatureType oneof 1..8,
   isOptional = 1000. kind: 0 input, 1 output, 2 state (graph inputs/outputs when building). */
static hln_result hln_cm__feature(hln_cm__p *p, hln_pb sub, int kind) {
    hln_pb_field f, g;
    hln_result r;
    const char *name = "";
    uint64_t type_at = 0, type_len = 0;
    uint32_t type = 0;
    int optional = 0;
    int32_t value = -1;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) { if ((r = hln_cm__str(p, &f, "FeatureDescription.name", &name)) != HLN_OK) return r; }
        else if (f.number == 3) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "FeatureDescription.type")) != HLN_OK) return r;
            type_at = f.data_offset;
            type_len = f.len;
        }
    }
    if (r != HLN_OK) return r;
    if (p->build_ir && name[0]) {
        if ((r = hln_cm__value(p, name, &value)) != HLN_OK) return r;
        r = hln_cm__io_add(p, kind == 1, value);
        if (r != HLN_OK) return r;
    }
    hln_cm__jb_open(p, NULL, '{');
    hln_cm__jb_kname(p, "name", name, strlen(name));
    {
        hln_pb tr = hln_cm__reader(p, type_at, type_at + type_len);
        uint64_t at = 0, len = 0;
        while ((r = hln_pb_next(&tr, &g, p->err)) == HLN_OK && g.number) {
            if (g.number >= 1 && g.number <= 8) {
                if ((r = hln_cm__want(p, &g, HLN_PB_LEN, "FeatureType")) != HLN_OK) return r;
                type = g.number;
                at = g.data_offset;
                len = g.len;
            } else if (g.number == 1000) {
                if ((r = hln_cm__want(p, &g, HLN_PB_VARINT, "FeatureType.isOptional")) != HLN_OK) return r;
                optional = g.value != 0;
            }
        }
        if (r != HLN_OK) return r;
        hln_cm__jb_kstr(p, "type", hln_cm__feature_types[type], strlen(hln_cm__feature_types[type]));
        if (optional) hln_cm__jb_kb(p, "optional", 1);
        if (type == 5) r = hln_cm__array_type(p, hln_cm__reader(p, at, at + len), name, value);
        else if (type == 4) r = hln_cm__image_type(p, hln_cm__reader(p, at, at + len), name, value);
        else if (type == 8) {   /* StateFeatureType { arrayType = 1 } */
            hln_pb sr = hln_cm__reader(p, at, at + len);
            while ((r = hln_pb_next(&sr, &g, p->err)) == HLN_OK && g.number)
                if (g.number == 1) {
                    if ((r = hln_cm__want(p, &g, HLN_PB_LEN, "StateFeatureType")) != HLN_OK) return r;
                    if ((r = hln_cm__array_type(p, hln_pb_sub(&sr, &g), name, value)) != HLN_OK) return r;
                }
        } else if (type == 6) {   /* DictionaryFeatureType { int64KeyType = 1, stringKeyType = 2 } */
            hln_pb dr = hln_cm__reader(p, at, at + len);
            const char *key = NULL;
            while ((r = hln_pb_next(&dr, &g, p->err)) == HLN_OK && g.number)
                if (g.number == 1) key = "int64KeyType";
                else if (g.number == 2) key = "stringKeyType";
            if (r == HLN_OK && key) hln_cm__jb_kstr(p, "key_type", key, strlen(key));
        } else if (value >= 0 && p->build_ir && (type == 1 || type == 2)) {
            int64_t one = 1;
            r = hln_cm__set_shape(p, value, type == 1 ? HLN_DTYPE_I64 : HLN_DTYPE_F64, 1, &one);
        }
        if (r != HLN_OK) return r;
    }
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* Metadata { shortDescription = 1, versionString = 2, author = 3, license = 4, userDefined = 100 }. */
static hln_result hln_cm__kv_str(hln_cm__p *p, const char *key, const char *value) {
    hln_kv *kv;
    hln_result r = hln_cm__grow(p, (void **)&p->m->kv, &p->cap_kv, p->m->n_kv, sizeof *p->m->kv);
    if (r != HLN_OK) return r;
    kv = p->m->kv;
    kv[p->m->n_kv].key = key;
    kv[p->m->n_kv].type = HLN_KV_STRING;
    kv[p->m->n_kv].v.s.ptr = value;
    kv[p->m->n_kv].v.s.len = strlen(value);
    p->m->n_kv++;
    return HLN_OK;
}
static hln_result hln_cm__metadata(hln_cm__p *p, hln_pb sub, int top) {
    static const char *const keys[] = { "", "short_description", "version_string", "author", "license" };
    hln_pb_field f;
    hln_result r;
    const char *vals[5] = { NULL, NULL, NULL, NULL, NULL };
    int i, has_user = 0;
    uint64_t start = sub.pos;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number)
        if (f.number >= 1 && f.number <= 4) { if ((r = hln_cm__str(p, &f, "Metadata", &vals[f.number])) != HLN_OK) return r; }
        else if (f.number == 100) { if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Metadata.userDefined")) != HLN_OK) return r; has_user = 1; }
    if (r != HLN_OK) return r;
    hln_cm__jb_open(p, "metadata", '{');
    for (i = 1; i <= 4; i++) {
        static const int order[5] = { 0, 1, 3, 4, 2 };   /* as README lists them */
        int k = order[i];
        if (!vals[k] || !vals[k][0]) continue;
        hln_cm__jb_kname(p, keys[k], vals[k], strlen(vals[k]));
        if (top && p->build_ir) {
            char key[48];
            snprintf(key, sizeof key, "coreml.%s", keys[k]);
            if ((r = hln_cm__kv_str(p, hln_arena_strndup(&p->m->arena, key, strlen(key)), vals[k])) != HLN_OK) return r;
        }
    }
    if (has_user) {   /* map<string, string>: entries { key = 1, value = 2 } */
        hln_pb ur = hln_cm__reader(p, start, sub.end);
        hln_cm__jb_open(p, "user_defined", '{');
        while ((r = hln_pb_next(&ur, &f, p->err)) == HLN_OK && f.number) {
            const char *k, *v;
            uint64_t vat, vlen;
            if (f.number != 100) continue;
            if ((r = hln_cm__map_entry(p, &ur, &f, "Metadata.userDefined", &k, &vat, &vlen)) != HLN_OK) return r;
            if (vlen > HLN_MAX_NAME) return hln_error_set(p->err, HLN_ERR_LIMIT, vat, "Metadata.userDefined", "value longer than HLN_MAX_NAME");
            if (!(v = hln_arena_strndup(&p->m->arena, (const char *)p->data + vat, (size_t)vlen))) return hln_cm__nomem(p, vat);
            hln_cm__jb_kname(p, k, v, strlen(v));
            if (top && p->build_ir) {
                size_t kl = strlen(k);
                char *key = (char *)hln_arena_alloc(&p->m->arena, kl + 13);
                if (!key) return hln_cm__nomem(p, f.offset);
                memcpy(key, "coreml.user.", 12);
                memcpy(key + 12, k, kl + 1);
                if ((r = hln_cm__kv_str(p, key, v)) != HLN_OK) return r;
            }
        }
        if (r != HLN_OK) return r;
        hln_cm__jb_close(p, '}');
    }
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* ModelDescription: input = 1, output = 10, state = 13, predictedFeatureName = 11,
   predictedProbabilitiesName = 12, metadata = 100, functions = 20, defaultFunctionName = 21. */
static hln_result hln_cm__description(hln_cm__p *p, uint64_t at, uint64_t len, int top) {
    static const uint32_t lists[3] = { 1, 10, 13 };
    static const char *const names[3] = { "inputs", "outputs", "states" };
    hln_pb_field f;
    hln_result r;
    int k;
    hln_cm__jb_open(p, "description", '{');
    for (k = 0; k < 3; k++) {
        hln_pb dr = hln_cm__reader(p, at, at + len);
        int opened = 0;
        while ((r = hln_pb_next(&dr, &f, p->err)) == HLN_OK && f.number) {
            if (f.number != lists[k]) continue;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "ModelDescription")) != HLN_OK) return r;
            if (!opened) { hln_cm__jb_open(p, names[k], '['); opened = 1; }
            if ((r = hln_cm__feature(p, hln_pb_sub(&dr, &f), k)) != HLN_OK) return r;
        }
        if (r != HLN_OK) return r;
        if (opened) hln_cm__jb_close(p, ']');
        else if (k < 2) { hln_cm__jb_open(p, names[k], '['); hln_cm__jb_close(p, ']'); }
    }
    {
        hln_pb dr = hln_cm__reader(p, at, at + len);
        uint32_t n_functions = 0;
        while ((r = hln_pb_next(&dr, &f, p->err)) == HLN_OK && f.number) {
            const char *s;
            if (f.number == 11 || f.number == 12) {
                if ((r = hln_cm__str(p, &f, "ModelDescription", &s)) != HLN_OK) return r;
                if (s[0]) hln_cm__jb_kname(p, f.number == 11 ? "predicted_feature_name" : "predicted_probabilities_name", s, strlen(s));
            } else if (f.number == 100) {
                if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "ModelDescription.metadata")) != HLN_OK) return r;
                if ((r = hln_cm__metadata(p, hln_pb_sub(&dr, &f), top)) != HLN_OK) return r;
            } else if (f.number == 20) {
                if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "ModelDescription.functions")) != HLN_OK) return r;
                n_functions++;
            }
        }
        if (r != HLN_OK) return r;
        if (n_functions) hln_cm__jb_ku(p, "functions", n_functions);
    }
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* ---- neural networks (NeuralNetwork.proto) ---------------------------------------------- */
static void hln_cm__stats_add(hln_cm__stats *s, const char *prec, uint64_t elements, uint64_t bytes) {
    uint32_t i;
    for (i = 0; i < s->n_prec; i++) if (strcmp(s->prec[i].name, prec) == 0) break;
    if (i == s->n_prec) {
        if (s->n_prec == sizeof s->prec / sizeof s->prec[0]) return;
        memset(&s->prec[i], 0, sizeof s->prec[i]);
        strncpy(s->prec[i].name, prec, sizeof s->prec[i].name - 1);
        s->n_prec++;
    }
    s->prec[i].tensors++;
    s->prec[i].elements += elements;
    s->prec[i].bytes += bytes;
    s->total_elements += elements;
    s->total_bytes += bytes;
}
static void hln_cm__stats_merge(hln_cm__stats *into, const hln_cm__stats *from) {
    uint32_t i;
    for (i = 0; i < from->n_prec; i++) {
        uint32_t k;
        hln_cm__stats_add(into, from->prec[i].name, 0, 0);
        for (k = 0; k < into->n_prec; k++)
            if (strcmp(into->prec[k].name, from->prec[i].name) == 0) {
                into->prec[k].tensors += from->prec[i].tensors - 1;
                into->prec[k].elements += from->prec[i].elements;
                into->prec[k].bytes += from->prec[i].bytes;
            }
    }
    into->weight_params += from->weight_params;
    into->total_elements += from->total_elements;
    into->total_bytes += from->total_bytes;
    into->quant_params += from->quant_params;
}
static int hln_cm__prec_cmp(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }
static void hln_cm__stats_write(hln_cm__p *p, hln_cm__stats *s) {
    uint32_t i;
    qsort(s->prec, s->n_prec, sizeof s->prec[0], hln_cm__prec_cmp);
    hln_cm__jb_open(p, "weights", '{');
    hln_cm__jb_ku(p, "weight_params", s->weight_params);
    hln_cm__jb_open(p, "by_precision", '{');
    for (i = 0; i < s->n_prec; i++) {
        hln_cm__jb_open(p, s->prec[i].name, '{');
        hln_cm__jb_ku(p, "tensors", s->prec[i].tensors);
        hln_cm__jb_ku(p, "elements", s->prec[i].elements);
        hln_cm__jb_ku(p, "bytes", s->prec[i].bytes);
        hln_cm__jb_close(p, '}');
    }
    hln_cm__jb_close(p, '}');
    hln_cm__jb_ku(p, "total_elements", s->total_elements);
    hln_cm__jb_ku(p, "total_bytes", s->total_bytes);
    hln_cm__jb_ku(p, "quantization_params", s->quant_params);
    hln_cm__jb_close(p, '}');
}

/* The element count a layer's parameters imply for one of its WeightParams (0: not known). */
typedef struct hln_cm__layer {
    const char *name, *type;
    uint32_t    type_field;
    uint64_t    type_at, type_len;
    /* parameters of the costed layers */
    uint64_t    out_ch, k_ch, groups, in_ch, channels;
    uint64_t    kernel[3], stride[3], dilation[3];
    uint32_t    n_kernel, n_stride, n_dilation;
    int         deconv, same, has_bias;
    int64_t     pads[4];
    int32_t     tensors[4];         /* weights, bias / BN gamma, beta, mean, variance */
} hln_cm__layer;

static uint64_t hln_cm__expect(const hln_cm__layer *l, uint32_t msg, uint32_t field, int64_t *dims, uint32_t *rank) {
    uint64_t n = 0, kh, kw;
    *rank = 0;
    if (msg == HLN_CM__M_CONV && field == 90) {
        kh = l->n_kernel > 0 ? l->kernel[0] : 3;
        kw = l->n_kernel > 1 ? l->kernel[1] : 3;
        if (hln_mul_overflow(l->out_ch, l->k_ch, &n) || hln_mul_overflow(n, kh, &n) || hln_mul_overflow(n, kw, &n)) return 0;
        if (l->deconv && l->groups) {   /* [kernelChannels, outputChannels / nGroups, kH, kW] */
            dims[0] = (int64_t)l->k_ch; dims[1] = (int64_t)(l->out_ch / l->groups);
            if (l->out_ch % l->groups == 0) n = n / l->groups; else return 0;
        } else { dims[0] = (int64_t)l->out_ch; dims[1] = (int64_t)l->k_ch; }
        dims[2] = (int64_t)kh; dims[3] = (int64_t)kw;
        *rank = 4;
        return n;
    }
    if ((msg == HLN_CM__M_CONV && field == 91) || (msg == HLN_CM__M_IP && field == 21)) {
        dims[0] = (int64_t)l->out_ch; *rank = 1; return l->out_ch;
    }
    if (msg == HLN_CM__M_IP && field == 20) {
        if (hln_mul_overflow(l->out_ch, l->in_ch, &n)) return 0;
        dims[0] = (int64_t)l->out_ch; dims[1] = (int64_t)l->in_ch; *rank = 2;
        return n;
    }
    if (msg == HLN_CM__M_BN) { dims[0] = (int64_t)l->channels; *rank = 1; return l->channels; }
    return 0;
}

/* LinearQuantizationParams / LookUpTableQuantizationParams: entries of their float lists. */
static hln_result hln_cm__quant_entries(hln_cm__p *p, hln_pb sub, uint64_t *n) {
    hln_pb_field f;
    hln_result r;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        uint64_t c;
        if (f.number != 1 && f.number != 2) continue;
        if ((r = hln_cm__count(p, &f, HLN_PB_I32, &c, "quantization")) != HLN_OK) return r;
        *n += c;
    }
    return r;
}

/* One WeightParams: floatValue = 1, float16Value = 2, rawValue = 30, int8RawValue = 31,
   quantization = 40 {numberOfBits = 1, linearQuantization = 101, lookupTableQuantization = 102}. */
static hln_result hln_cm__weights(hln_cm__p *p, hln_pb sub, hln_cm__stats *s, const hln_cm__layer *l, uint32_t msg,
                                  const hln_cm__wfield *wf) {
    hln_pb_field f;
    hln_result r;
    uint64_t floats = 0, f16_len = 0, raw_len = 0, i8_len = 0, at = 0, bits = 0, qentries = 0, start = sub.pos;
    int has_f32 = 0, has_f16 = 0, has_raw = 0, has_i8 = 0, lut = 0, linear = 0;
    char prec[32];
    uint64_t elements = 0, bytes = 0, expect;
    int64_t dims[4];
    uint32_t rank;
    hln_dtype dt = HLN_DTYPE_UNKNOWN;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) {
            uint64_t c;
            if ((r = hln_cm__count(p, &f, HLN_PB_I32, &c, "WeightParams.floatValue")) != HLN_OK) return r;
            if (!has_f32) at = f.data_offset;
            floats += c;
            has_f32 = 1;
        } else if (f.number == 2 || f.number == 30 || f.number == 31) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "WeightParams")) != HLN_OK) return r;
            at = f.data_offset;
            if (f.number == 2) { f16_len = f.len; has_f16 = 1; }
            else if (f.number == 30) { raw_len = f.len; has_raw = 1; }
            else { i8_len = f.len; has_i8 = 1; }
        } else if (f.number == 40) {
            hln_pb q;
            hln_pb_field g;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "WeightParams.quantization")) != HLN_OK) return r;
            q = hln_pb_sub(&sub, &f);
            while ((r = hln_pb_next(&q, &g, p->err)) == HLN_OK && g.number) {
                if (g.number == 1) { if ((r = hln_cm__want(p, &g, HLN_PB_VARINT, "numberOfBits")) != HLN_OK) return r; bits = g.value; }
                else if (g.number == 101 || g.number == 102) {
                    if ((r = hln_cm__want(p, &g, HLN_PB_LEN, "quantization")) != HLN_OK) return r;
                    if (g.number == 101) linear = 1; else lut = 1;
                    if ((r = hln_cm__quant_entries(p, hln_pb_sub(&q, &g), &qentries)) != HLN_OK) return r;
                }
            }
            if (r != HLN_OK) return r;
        }
    }
    if (r != HLN_OK) return r;
    s->weight_params++;
    s->quant_params += qentries;
    expect = hln_cm__expect(l, msg, wf->field, dims, &rank);
    if (has_f32 + has_f16 + has_raw + has_i8 > 1)
        return hln_error_set(p->err, HLN_ERR_LAYOUT, start, l->name, "%s holds more than one of floatValue, float16Value, rawValue, int8RawValue", wf->name);
    if (has_f32) { elements = floats; bytes = floats * 4; dt = HLN_DTYPE_F32; strcpy(prec, "float32"); }
    else if (has_f16) {
        if (f16_len % 2)
            return hln_error_set(p->err, HLN_ERR_LAYOUT, at, l->name, "%s: float16Value of %llu bytes is not 2 x an element count",
                                 wf->name, (unsigned long long)f16_len);
        elements = f16_len / 2; bytes = f16_len; dt = HLN_DTYPE_F16; strcpy(prec, "float16");
    } else if (has_i8) { elements = bytes = i8_len; dt = HLN_DTYPE_I8; strcpy(prec, "int8"); }
    else if (has_raw) {
        bytes = raw_len;
        if (bits >= 1 && bits <= 8 && (lut || linear)) {
            elements = raw_len * 8 / bits;   /* cannot overflow: raw_len < 2^61 here */
            snprintf(prec, sizeof prec, "quantized_%ubit_%s", (unsigned)bits, lut ? "lut" : "linear");
            dt = bits == 8 ? HLN_DTYPE_U8 : bits == 4 ? HLN_DTYPE_U4 : bits == 2 ? HLN_DTYPE_U2 : HLN_DTYPE_UNKNOWN;
            if (expect && (elements < expect || elements - expect >= 8))
                return hln_error_set(p->err, HLN_ERR_LAYOUT, at, l->name, "%s: %llu bytes of %u-bit codes do not hold the %llu weights the layer needs",
                                     wf->name, (unsigned long long)raw_len, (unsigned)bits, (unsigned long long)expect);
            if (expect) elements = expect;
        } else { elements = raw_len; strcpy(prec, "raw"); }
    } else return HLN_OK;   /* an empty WeightParams: nothing stored */
    if (expect && !has_raw && elements != expect)
        return hln_error_set(p->err, HLN_ERR_LAYOUT, at, l->name, "%s holds %llu weights, the layer needs %llu",
                             wf->name, (unsigned long long)elements, (unsigned long long)expect);
    hln_cm__stats_add(s, prec, elements, bytes);
    if (p->build_ir) {
        size_t nl = strlen(l->name), fl = strlen(wf->name);
        char *tname = (char *)hln_arena_alloc(&p->m->arena, nl + fl + 2);
        int32_t ti;
        int slot = -1;
        if (!tname) return hln_cm__nomem(p, start);
        memcpy(tname, l->name, nl);
        tname[nl] = '.';
        memcpy(tname + nl + 1, wf->name, fl + 1);
        if (!rank) { dims[0] = (int64_t)elements; rank = 1; }
        if ((r = hln_cm__tensor(p, tname, dt, (int32_t)wf->field, rank, dims, elements, bytes, p->file, at,
                                p->data + at, &ti)) != HLN_OK) return r;
        if (msg == HLN_CM__M_CONV || msg == HLN_CM__M_IP) slot = wf->field == 90 || wf->field == 20 ? 0 : 1;
        else if (msg == HLN_CM__M_BN) slot = (int)wf->field - 15;
        else if (msg == HLN_CM__M_PRELU) slot = 0;
        if (slot >= 0 && slot < 4) ((hln_cm__layer *)l)->tensors[slot] = ti;
        else if ((r = hln_cm__bind(p, tname, ti, NULL)) != HLN_OK) return r;   /* a weight no node reads by position */
    }
    return HLN_OK;
}

static hln_result hln_cm__neural_network(hln_cm__p *p, uint64_t at, uint64_t len, int classifier, hln_cm__stats *s,
                                         uint32_t depth, int write);

/* Walks message `msg` for WeightParams (and nested networks), per the table. */
static hln_result hln_cm__walk_weights(hln_cm__p *p, hln_pb sub, uint32_t msg, hln_cm__stats *s, hln_cm__layer *l, uint32_t depth) {
    hln_pb_field f;
    hln_result r;
    if (depth > HLN_COREML_MAX_DEPTH)
        return hln_error_set(p->err, HLN_ERR_LIMIT, sub.pos, l->name, "nesting deeper than HLN_COREML_MAX_DEPTH (%d)", HLN_COREML_MAX_DEPTH);
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        size_t i;
        for (i = 0; i < sizeof hln_cm__wfields / sizeof hln_cm__wfields[0]; i++) {
            const hln_cm__wfield *wf = &hln_cm__wfields[i];
            if (wf->msg != msg || wf->field != f.number) continue;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, l->name)) != HLN_OK) return r;
            if (wf->child == HLN_CM__M_WEIGHTS) r = hln_cm__weights(p, hln_pb_sub(&sub, &f), s, l, msg, wf);
            else if (wf->child == HLN_CM__M_NN) r = hln_cm__neural_network(p, f.data_offset, f.len, 0, s, depth + 1, 0);
            else r = hln_cm__walk_weights(p, hln_pb_sub(&sub, &f), wf->child, s, l, depth + 1);
            if (r != HLN_OK) return r;
            break;
        }
    }
    return r;
}

/* The parameters of the layers that map onto ONNX ops (ConvolutionLayerParams, ...). */
static hln_result hln_cm__uints(hln_cm__p *p, const hln_pb_field *f, uint64_t *out, uint32_t cap, uint32_t *n, const char *msg) {
    hln_cm__ints it;
    uint64_t c, v;
    hln_result r = hln_cm__count(p, f, HLN_PB_VARINT, &c, msg);
    if (r != HLN_OK) return r;
    hln_cm__ints_init(&it, p, f);
    while (hln_cm__ints_next(&it, &v)) if (*n < cap) out[(*n)++] = v;
    return HLN_OK;
}
/* ValidPadding { paddingAmounts = 1 BorderAmounts { borderAmounts = 10 EdgeSizes {start = 1, end = 2} } } */
static hln_result hln_cm__padding(hln_cm__p *p, hln_pb sub, hln_cm__layer *l) {
    hln_pb_field f, g, h;
    hln_result r;
    uint32_t k = 0;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        hln_pb br;
        if (f.number != 1 || f.wire_type != HLN_PB_LEN) continue;
        br = hln_pb_sub(&sub, &f);
        while ((r = hln_pb_next(&br, &g, p->err)) == HLN_OK && g.number) {
            hln_pb er;
            uint64_t start = 0, end = 0;
            if (g.number != 10 || g.wire_type != HLN_PB_LEN) continue;
            er = hln_pb_sub(&br, &g);
            while ((r = hln_pb_next(&er, &h, p->err)) == HLN_OK && h.number)
                if (h.wire_type == HLN_PB_VARINT && h.number == 1) start = h.value;
                else if (h.wire_type == HLN_PB_VARINT && h.number == 2) end = h.value;
            if (r != HLN_OK) return r;
            if (k < 2 && start <= INT32_MAX && end <= INT32_MAX) { l->pads[k] = (int64_t)start; l->pads[k + 2] = (int64_t)end; }
            k++;
        }
        if (r != HLN_OK) return r;
    }
    return r;
}
static hln_result hln_cm__layer_params(hln_cm__p *p, hln_cm__layer *l) {
    hln_pb sub = hln_cm__reader(p, l->type_at, l->type_at + l->type_len);
    hln_pb_field f;
    hln_result r;
    int conv = l->type_field == 100, pool = l->type_field == 120;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (conv) {
            if (f.number == 1 || f.number == 2 || f.number == 10 || f.number == 60 || f.number == 70)
                if ((r = hln_cm__want(p, &f, HLN_PB_VARINT, l->name)) != HLN_OK) return r;
            if (f.number == 1) l->out_ch = f.value;
            else if (f.number == 2) l->k_ch = f.value;
            else if (f.number == 10) l->groups = f.value;
            else if (f.number == 20) r = hln_cm__uints(p, &f, l->kernel, 3, &l->n_kernel, l->name);
            else if (f.number == 30) r = hln_cm__uints(p, &f, l->stride, 3, &l->n_stride, l->name);
            else if (f.number == 40) r = hln_cm__uints(p, &f, l->dilation, 3, &l->n_dilation, l->name);
            else if (f.number == 50 && f.wire_type == HLN_PB_LEN) r = hln_cm__padding(p, hln_pb_sub(&sub, &f), l);
            else if (f.number == 51) l->same = 1;
            else if (f.number == 60) l->deconv = f.value != 0;
            else if (f.number == 70) l->has_bias = f.value != 0;
        } else if (pool) {
            if (f.number == 1 && f.wire_type == HLN_PB_VARINT) l->k_ch = f.value;            /* PoolingType */
            else if (f.number == 10) r = hln_cm__uints(p, &f, l->kernel, 3, &l->n_kernel, l->name);
            else if (f.number == 20) r = hln_cm__uints(p, &f, l->stride, 3, &l->n_stride, l->name);
            else if (f.number == 30 && f.wire_type == HLN_PB_LEN) r = hln_cm__padding(p, hln_pb_sub(&sub, &f), l);
            else if (f.number == 31) l->same = 1;
            else if (f.number == 60 && f.wire_type == HLN_PB_VARINT) l->groups = f.value;    /* globalPooling */
        } else if (l->type_field == 140) {
            if ((f.number == 1 || f.number == 2 || f.number == 10) && (r = hln_cm__want(p, &f, HLN_PB_VARINT, l->name)) != HLN_OK) return r;
            if (f.number == 1) l->in_ch = f.value;
            else if (f.number == 2) l->out_ch = f.value;
            else if (f.number == 10) l->has_bias = f.value != 0;
        } else if (l->type_field == 160) {
            if (f.number == 1 && (r = hln_cm__want(p, &f, HLN_PB_VARINT, l->name)) != HLN_OK) return r;
            if (f.number == 1) l->channels = f.value;
        } else if (l->type_field == 130) {
            if (f.number < 100 && f.wire_type == HLN_PB_LEN) l->k_ch = f.number;   /* the NonlinearityType oneof */
        } else if (l->type_field == 310) {
            if (f.number == 1) r = hln_cm__uints(p, &f, l->kernel, 3, &l->n_kernel, l->name);   /* permute axis (first 3) */
        }
        if (r != HLN_OK) return r;
    }
    return r;
}

/* The ONNX op of a layer and its attributes; NULL op: keep the Core ML name. */
static hln_result hln_cm__layer_node(hln_cm__p *p, hln_cm__layer *l, const char **in, uint32_t n_in,
                                     const char **out, uint32_t n_out) {
    hln_cm__nb b;
    hln_result r;
    const char *op = NULL;
    uint32_t i;
    int64_t v[4];
    int weights = 0;
    switch (l->type_field) {
    case 100: op = l->deconv ? "ConvTranspose" : "Conv"; weights = 2; break;
    case 140: op = "Gemm"; weights = 2; break;
    case 160: op = "BatchNormalization"; weights = 4; break;
    case 120: {
        static const char *const local[3] = { "MaxPool", "AveragePool", "LpPool" };
        static const char *const global[3] = { "GlobalMaxPool", "GlobalAveragePool", "GlobalLpPool" };
        op = l->k_ch < 3 ? (l->groups ? global : local)[l->k_ch] : NULL;
        break;
    }
    case 130:
        switch (l->k_ch) {
        case 10: op = "Relu"; break; case 15: op = "LeakyRelu"; break; case 20: op = "ThresholdedRelu"; break;
        case 25: op = "PRelu"; weights = 1; break; case 30: op = "Tanh"; break; case 40: op = "Sigmoid"; break;
        case 41: op = "HardSigmoid"; break; case 50: op = "Elu"; break; case 60: op = "Softsign"; break;
        case 70: op = "Softplus"; break; default: break;
        }
        break;
    case 175: op = "Softmax"; break;
    case 301: op = "Flatten"; break;
    case 310: op = "Transpose"; break;
    case 320: op = "Concat"; break;
    case 230: op = n_in > 2 ? "Sum" : "Add"; break;
    case 231: op = "Mul"; break;
    case 240: op = "Mean"; break;
    case 260: op = "Max"; break;
    case 261: op = "Min"; break;
    case 760: op = "Tanh"; break;
    case 790: op = "Erf"; break;
    case 795: op = "Gelu"; break;
    default: break;
    }
    hln_cm__nb_init(&b, l->name, op ? op : l->type, op ? "" : "coreml");
    for (i = 0; i < n_in; i++) if ((r = hln_cm__nb_in(p, &b, in[i])) != HLN_OK) return r;
    if (weights && n_in == 1) {   /* the layer's own weights follow its input, in ONNX order */
        for (i = 0; i < (uint32_t)weights; i++) {
            int32_t ti = l->tensors[i], vi = -1;
            if (ti >= 0 && (r = hln_cm__bind(p, p->tensors[ti].name, ti, &vi)) != HLN_OK) return r;
            if (b.n_in < HLN_CM__MAX_IO) b.in[b.n_in++] = vi;
        }
        while (b.n_in > 1 && b.in[b.n_in - 1] < 0) b.n_in--;
    }
    for (i = 0; i < n_out; i++) if ((r = hln_cm__nb_out(p, &b, out[i])) != HLN_OK) return r;
    if (l->type_field == 100 || l->type_field == 120) {
        uint32_t k;
        if (!(l->type_field == 120 && l->groups)) {
            for (k = 0; k < 2; k++) v[k] = (int64_t)(l->n_kernel > k ? l->kernel[k] : 3);
            if ((r = hln_cm__nb_ints(p, &b, "kernel_shape", v, 2)) != HLN_OK) return r;
            for (k = 0; k < 2; k++) v[k] = (int64_t)(l->n_stride > k ? l->stride[k] : 1);
            if ((r = hln_cm__nb_ints(p, &b, "strides", v, 2)) != HLN_OK) return r;
            if (l->same) hln_cm__nb_str(&b, "auto_pad", "SAME_UPPER");
            else if ((r = hln_cm__nb_ints(p, &b, "pads", l->pads, 4)) != HLN_OK) return r;
        }
        if (l->type_field == 100) {
            for (k = 0; k < 2; k++) v[k] = (int64_t)(l->n_dilation > k ? l->dilation[k] : 1);
            if ((r = hln_cm__nb_ints(p, &b, "dilations", v, 2)) != HLN_OK) return r;
            hln_cm__nb_int(&b, "group", (int64_t)(l->groups ? l->groups : 1));
        }
    } else if (l->type_field == 140) hln_cm__nb_int(&b, "transB", 1);
    else if (l->type_field == 175 || l->type_field == 301 || l->type_field == 320) hln_cm__nb_int(&b, "axis", 1);
    else if (l->type_field == 310 && l->n_kernel == 3) {
        v[0] = 0;
        for (i = 0; i < 3; i++) v[i + 1] = (int64_t)l->kernel[i];
        if ((r = hln_cm__nb_ints(p, &b, "perm", v, 4)) != HLN_OK) return r;
    }
    return hln_cm__node_add(p, &b, l->type);
}

/* NeuralNetworkLayer: name = 1, input = 2, output = 3, isUpdatable = 10, layer oneof >= 100. */
static hln_result hln_cm__nn_layer(hln_cm__p *p, hln_pb sub, uint64_t at, uint32_t index, hln_cm__stats *s,
                                   hln_cm__hist *types, const char ***inputs, uint32_t *n_inputs, uint32_t *cap_inputs,
                                   uint32_t depth) {
    hln_pb_field f;
    hln_result r;
    hln_cm__layer l;
    const char *in[HLN_CM__MAX_IO], *out[HLN_CM__MAX_IO];
    uint32_t n_in = 0, n_out = 0, i;
    memset(&l, 0, sizeof l);
    l.name = "";
    for (i = 0; i < 4; i++) l.tensors[i] = -1;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        const char *t;
        if (f.number == 1) { if ((r = hln_cm__str(p, &f, "NeuralNetworkLayer.name", &l.name)) != HLN_OK) return r; }
        else if (f.number == 2 || f.number == 3) {
            const char *nm;
            if ((r = hln_cm__str(p, &f, "NeuralNetworkLayer", &nm)) != HLN_OK) return r;
            if (f.number == 2 && n_in < HLN_CM__MAX_IO) in[n_in++] = nm;
            if (f.number == 3 && n_out < HLN_CM__MAX_IO) out[n_out++] = nm;
        } else if (f.number >= 100 && (t = HLN_CM__LOOKUP(hln_cm__layer_types, f.number)) != NULL) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "NeuralNetworkLayer")) != HLN_OK) return r;
            l.type = t;
            l.type_field = f.number;
            l.type_at = f.data_offset;
            l.type_len = f.len;
        }
    }
    if (r != HLN_OK) return r;
    if (!l.type) {
        char path[64];
        snprintf(path, sizeof path, "layers[%u]", (unsigned)index);
        return hln_error_set(p->err, HLN_ERR_TYPE, at, path, "layer '%.80s' has no type this schema knows", l.name);
    }
    hln_cm__hist_add(types, l.type);
    for (i = 0; i < n_in; i++) {   /* remembered for layer_inputs_not_produced */
        hln_result g = hln_cm__grow(p, (void **)inputs, cap_inputs, *n_inputs, sizeof **inputs);
        if (g != HLN_OK) return g;
        (*inputs)[(*n_inputs)++] = in[i];
    }
    if ((r = hln_cm__layer_params(p, &l)) != HLN_OK) return r;
    {   /* WeightParams inside the layer's params (and nested networks) */
        hln_pb pr = hln_cm__reader(p, l.type_at, l.type_at + l.type_len);
        uint32_t msg = 0;
        size_t k;
        for (k = 0; k < sizeof hln_cm__wfields / sizeof hln_cm__wfields[0]; k++)
            if (hln_cm__wfields[k].msg == HLN_CM__M_LAYER && hln_cm__wfields[k].field == l.type_field) msg = hln_cm__wfields[k].child;
        if (msg && (r = hln_cm__walk_weights(p, pr, msg, s, &l, depth + 1)) != HLN_OK) return r;
    }
    if (!p->build_ir) return HLN_OK;
    for (i = 0; i < n_out; i++) {   /* a layer output named for an unknown blob keeps its name in the arena */
        int32_t v;
        if ((r = hln_cm__value(p, out[i], &v)) != HLN_OK) return r;
    }
    return hln_cm__layer_node(p, &l, in, n_in, out, n_out);
}

static const char *hln_cm__shape_mapping(uint64_t v, int image) {
    if (image) return v == 1 ? "RANK4_IMAGE_MAPPING" : "RANK5_IMAGE_MAPPING";
    return v == 1 ? "EXACT_ARRAY_MAPPING" : "RANK5_ARRAY_MAPPING";
}

/* The blob names layers of a network read that no layer of it outputs, each once in order of
   first use (facts "layer_inputs_not_produced"). */
static hln_result hln_cm__inputs_not_produced(hln_cm__p *p, uint64_t at, uint64_t len, const char **inputs, uint32_t n_inputs) {
    hln_pb lr = hln_cm__reader(p, at, at + len);
    hln_pb_field f;
    hln_strmap seen;
    hln_result r;
    uint32_t i;
    memset(&seen, 0, sizeof seen);
    while ((r = hln_pb_next(&lr, &f, p->err)) == HLN_OK && f.number) {
        hln_pb ly;
        hln_pb_field g;
        if (f.number != 1) continue;
        ly = hln_pb_sub(&lr, &f);
        while ((r = hln_pb_next(&ly, &g, p->err)) == HLN_OK && g.number)
            if (g.number == 3 && g.wire_type == HLN_PB_LEN) {
                const char *nm;
                if ((r = hln_cm__str(p, &g, "NeuralNetworkLayer.output", &nm)) != HLN_OK) break;
                if (hln_cm__names_add(p, &seen, nm) < 0) { r = hln_cm__nomem(p, g.offset); break; }
            }
        if (r != HLN_OK) break;
    }
    for (i = 0; r == HLN_OK && i < n_inputs; i++) {
        int added = hln_cm__names_add(p, &seen, inputs[i]);
        if (added < 0) r = hln_cm__nomem(p, at);
        else if (added) hln_cm__jb_kname(p, NULL, inputs[i], strlen(inputs[i]));
    }
    hln_strmap_free(&seen);
    return r;
}

/* NeuralNetwork(+Classifier/Regressor): layers = 1, preprocessing = 2, arrayInputShapeMapping = 5,
   imageInputShapeMapping = 6, stringClassLabels = 100, int64ClassLabels = 101. write = 0: a
   nested network (branch, loop body): its weights count, its facts do not. */
static hln_result hln_cm__neural_network(hln_cm__p *p, uint64_t at, uint64_t len, int classifier, hln_cm__stats *s,
                                         uint32_t depth, int write) {
    hln_pb sub = hln_cm__reader(p, at, at + len);
    hln_pb_field f;
    hln_result r;
    hln_cm__hist *types;
    uint32_t n_layers = 0, n_pre = 0, n_inputs = 0, cap_inputs = 0;
    const char **inputs = NULL;
    uint64_t array_map = 0, image_map = 0, n_labels = 0;
    const char *label_kind = NULL;
    int build = p->build_ir;
    if (depth > HLN_COREML_MAX_DEPTH)
        return hln_error_set(p->err, HLN_ERR_LIMIT, at, "NeuralNetwork", "networks nested deeper than HLN_COREML_MAX_DEPTH (%d)", HLN_COREML_MAX_DEPTH);
    types = (hln_cm__hist *)hln_arena_alloc(&p->m->arena, sizeof *types);
    if (!types) return hln_cm__nomem(p, at);
    if (!write) p->build_ir = 0;   /* nested bodies: weights only */
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "NeuralNetwork.layers")) != HLN_OK) break;
            if ((r = hln_cm__nn_layer(p, hln_pb_sub(&sub, &f), f.offset, n_layers, s, types, &inputs, &n_inputs, &cap_inputs, depth)) != HLN_OK) break;
            n_layers++;
        } else if (f.number == 2) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "NeuralNetwork.preprocessing")) != HLN_OK) break;
            n_pre++;
        } else if (f.number == 5 || f.number == 6) {
            if ((r = hln_cm__want(p, &f, HLN_PB_VARINT, "NeuralNetwork")) != HLN_OK) break;
            if (f.number == 5) array_map = f.value; else image_map = f.value;
        } else if (classifier && (f.number == 100 || f.number == 101)) {
            uint64_t c = 1;
            if (f.number == 100) { if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "stringClassLabels")) != HLN_OK) break; }
            label_kind = f.number == 100 ? "stringClassLabels" : "int64ClassLabels";
            {   /* StringVector / Int64Vector { vector = 1 } */
                hln_pb vr = hln_pb_sub(&sub, &f);
                hln_pb_field g;
                if (f.wire_type != HLN_PB_LEN) { r = hln_cm__want(p, &f, HLN_PB_LEN, "int64ClassLabels"); break; }
                while ((r = hln_pb_next(&vr, &g, p->err)) == HLN_OK && g.number)
                    if (g.number == 1) {
                        if (f.number == 100) n_labels++;
                        else if ((r = hln_cm__count(p, &g, HLN_PB_VARINT, &c, "int64ClassLabels")) != HLN_OK) break;
                        else n_labels += c;
                    }
                if (r != HLN_OK) break;
            }
        }
    }
    p->build_ir = build;
    if (r != HLN_OK || !write) return r;
    hln_cm__jb_open(p, "neural_network", '{');
    hln_cm__jb_ku(p, "layers", n_layers);
    hln_cm__hist_write(p, "layer_types", types);
    hln_cm__jb_ku(p, "preprocessing", n_pre);
    if (array_map) hln_cm__jb_kstr(p, "array_input_shape_mapping", hln_cm__shape_mapping(array_map, 0), strlen(hln_cm__shape_mapping(array_map, 0)));
    if (image_map) hln_cm__jb_kstr(p, "image_input_shape_mapping", hln_cm__shape_mapping(image_map, 1), strlen(hln_cm__shape_mapping(image_map, 1)));
    if (label_kind) {
        hln_cm__jb_open(p, "class_labels", '{');
        hln_cm__jb_kstr(p, "kind", label_kind, strlen(label_kind));
        hln_cm__jb_ku(p, "count", n_labels);
        hln_cm__jb_close(p, '}');
    }
    hln_cm__jb_open(p, "layer_inputs_not_produced", '[');
    if ((r = hln_cm__inputs_not_produced(p, at, len, inputs, n_inputs)) != HLN_OK) return r;
    hln_cm__jb_close(p, ']');
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* ---- ML programs (MIL.proto) ------------------------------------------------------------- */
typedef struct hln_cm__ttype {       /* TensorType { dataType = 1, rank = 2, dimensions = 3 } */
    const hln_cm__mil_type *dt;
    uint32_t rank;                   /* dims read (capped at HLN_MAX_DIMS) */
    int64_t  dims[HLN_MAX_DIMS];     /* -1: unknown */
    int      known;                  /* every dim constant */
    uint64_t elements;               /* product when known */
    int      is_tensor;
} hln_cm__ttype;

typedef struct hln_cm__param {       /* a const's small value, for the ops that read it as an attribute */
    uint32_t n;
    int64_t  ints[8];
    double   f;
    const char *str;
    int      kind;                   /* 0 none, 1 ints, 2 float, 3 string */
} hln_cm__param;

typedef struct hln_cm__mil {         /* program-wide facts */
    struct { uint32_t id; uint64_t tensors, elements, bytes; } dtypes[32];
    uint32_t n_dtypes;
    uint64_t param_elements, param_bytes, blob_tensors, immediate_tensors, constexpr_out, blob_refs;
    const char *blob_files[HLN_COREML_MAX_BLOBS];
    uint32_t n_blob_files;
    int      consistent;
    /* per function */
    hln_cm__hist *types;
    uint64_t ops, const_ops;
} hln_cm__mil;

static hln_result hln_cm__grow_params(hln_cm__p *p) {   /* keeps params as long as values */
    hln_cm__param *np;
    if (p->cap_params >= p->cap_values) return HLN_OK;
    np = (hln_cm__param *)hln_arena_array(&p->m->arena, p->cap_values, sizeof *np);
    if (!np) return hln_cm__nomem(p, 0);
    if (p->cap_params) memcpy(np, p->params, p->cap_params * sizeof *np);
    p->params = np;
    p->cap_params = p->cap_values;
    return HLN_OK;
}

/* Dimension { constant = 1 { size = 1 }, unknown = 2 { variadic = 1 } } */
static hln_result hln_cm__tensor_type(hln_cm__p *p, hln_pb sub, hln_cm__ttype *t, const char *msg) {
    hln_pb_field f, g, h;
    hln_result r;
    memset(t, 0, sizeof *t);
    t->known = 1;
    t->elements = 1;
    t->is_tensor = 1;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) {
            if ((r = hln_cm__want(p, &f, HLN_PB_VARINT, msg)) != HLN_OK) return r;
            t->dt = hln_cm__mil_type_get(f.value);
        } else if (f.number == 3) {
            hln_pb dr;
            int64_t d = -1;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, msg)) != HLN_OK) return r;
            dr = hln_pb_sub(&sub, &f);
            while ((r = hln_pb_next(&dr, &g, p->err)) == HLN_OK && g.number)
                if (g.number == 1 && g.wire_type == HLN_PB_LEN) {
                    hln_pb cr = hln_pb_sub(&dr, &g);
                    while ((r = hln_pb_next(&cr, &h, p->err)) == HLN_OK && h.number)
                        if (h.number == 1) {
                            if ((r = hln_cm__want(p, &h, HLN_PB_VARINT, msg)) != HLN_OK) return r;
                            if (h.value > (uint64_t)INT64_MAX)
                                return hln_error_set(p->err, HLN_ERR_RANGE, h.offset, msg, "dimension above 2^63");
                            d = (int64_t)h.value;
                        }
                    if (r != HLN_OK) return r;
                } else if (g.number == 2) d = -1;
            if (r != HLN_OK) return r;
            if (t->rank >= HLN_MAX_DIMS)
                return hln_error_set(p->err, HLN_ERR_LIMIT, f.offset, msg, "rank above HLN_MAX_DIMS (%d)", HLN_MAX_DIMS);
            t->dims[t->rank++] = d;
            if (d < 0) t->known = 0;
            else if (t->elements && hln_mul_overflow(t->elements, (uint64_t)d, &t->elements))
                return hln_error_set(p->err, HLN_ERR_OVERFLOW, f.offset, msg, "tensor element count overflows 64 bits");
        }
    }
    return r;
}
/* ValueType { tensorType = 1, ... }: t->is_tensor = 0 for the other kinds. */
static hln_result hln_cm__value_type(hln_cm__p *p, hln_pb sub, hln_cm__ttype *t, const char *msg) {
    hln_pb_field f;
    hln_result r;
    memset(t, 0, sizeof *t);
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number)
        if (f.number == 1) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, msg)) != HLN_OK) return r;
            if ((r = hln_cm__tensor_type(p, hln_pb_sub(&sub, &f), t, msg)) != HLN_OK) return r;
        }
    return r;
}
/* NamedValueType { name = 1, type = 2 } */
static hln_result hln_cm__named_type(hln_cm__p *p, hln_pb sub, const char **name, hln_cm__ttype *t) {
    hln_pb_field f;
    hln_result r;
    *name = "";
    memset(t, 0, sizeof *t);
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number)
        if (f.number == 1) { if ((r = hln_cm__str(p, &f, "NamedValueType.name", name)) != HLN_OK) return r; }
        else if (f.number == 2) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "NamedValueType.type")) != HLN_OK) return r;
            if ((r = hln_cm__value_type(p, hln_pb_sub(&sub, &f), t, *name)) != HLN_OK) return r;
        }
    return r;
}
static uint64_t hln_cm__tt_bytes(const hln_cm__ttype *t) {
    uint64_t bits;
    if (!t->dt || hln_mul_overflow(t->elements, t->dt->bits, &bits)) return UINT64_MAX;
    return bits / 8 + (bits % 8 ? 1 : 0);
}

#ifndef HLN_NO_STDIO
static hln_result hln_cm__open_blob(hln_cm__p *p, const char *ref, uint64_t at, hln_cm__blob **out);

/* Checks a BlobFileValue against its metadata record: the record at `offset` inside the file,
   sentinel 0xDEADBEEF, the dtype and byte size the tensor type implies, the data inside the
   file (StorageFormat.hpp). Returns the data's offset. */
static hln_result hln_cm__blob_check(hln_cm__p *p, const hln_cm__blob *b, uint64_t offset, const hln_cm__ttype *t,
                                     uint64_t at, uint64_t *data_offset) {
    const uint8_t *rec;
    uint64_t size, where, want = hln_cm__tt_bytes(t), end;
    uint32_t sentinel, dtype;
    if (offset > b->size || 64 > b->size - offset)
        return hln_error_set(p->err, HLN_ERR_RANGE, at, b->ref, "blob offset %llu is beyond the weight file (%llu bytes)",
                             (unsigned long long)offset, (unsigned long long)b->size);
    rec = b->data + offset;
    sentinel = (uint32_t)hln__load_uint(rec, 4, 0);
    dtype = (uint32_t)hln__load_uint(rec + 4, 4, 0);
    size = hln__load_uint(rec + 8, 8, 0);
    where = hln__load_uint(rec + 16, 8, 0);
    if (sentinel != 0xDEADBEEFu)
        return hln_error_set(p->err, HLN_ERR_LAYOUT, at, b->ref, "no blob metadata record at offset %llu (sentinel 0x%08x)",
                             (unsigned long long)offset, (unsigned)sentinel);
    if (hln_add_overflow(where, size, &end) || where > b->size || size > b->size - where)
        return hln_error_set(p->err, HLN_ERR_RANGE, at, b->ref, "blob at offset %llu: data [%llu, +%llu) overflows or exceeds the weight file (%llu bytes)",
                             (unsigned long long)offset, (unsigned long long)where, (unsigned long long)size, (unsigned long long)b->size);
    if (!t->dt || t->dt->blob != dtype)
        return hln_error_set(p->err, HLN_ERR_TYPE, at, b->ref, "blob at offset %llu has dtype %u, the tensor type is %s",
                             (unsigned long long)offset, (unsigned)dtype, t->dt ? t->dt->name : "unknown");
    if (!t->known || size != want)
        return hln_error_set(p->err, HLN_ERR_LAYOUT, at, b->ref, "blob at offset %llu holds %llu bytes, the tensor type needs %llu",
                             (unsigned long long)offset, (unsigned long long)size, (unsigned long long)want);
    *data_offset = where;
    return HLN_OK;
}

#endif

static void hln_cm__mil_dtype_add(hln_cm__mil *mil, uint32_t id, uint64_t elements, uint64_t bytes) {
    uint32_t i;
    for (i = 0; i < mil->n_dtypes && mil->dtypes[i].id != id; i++) {}
    if (i == mil->n_dtypes) {
        if (i == sizeof mil->dtypes / sizeof mil->dtypes[0]) return;
        memset(&mil->dtypes[i], 0, sizeof mil->dtypes[i]);
        mil->dtypes[i].id = id;
        mil->n_dtypes++;
    }
    mil->dtypes[i].tensors++;
    mil->dtypes[i].elements += elements;
    mil->dtypes[i].bytes += bytes;
}

/* Small immediate values become params (ints, a float, a string) for attribute mapping. */
static hln_result hln_cm__immediate_param(hln_cm__p *p, hln_pb sub, hln_cm__param *out) {
    hln_pb_field f, g, h;
    hln_result r;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {   /* ImmediateValue { tensor = 1 } */
        hln_pb tr;
        if (f.number != 1 || f.wire_type != HLN_PB_LEN) continue;
        tr = hln_pb_sub(&sub, &f);
        while ((r = hln_pb_next(&tr, &g, p->err)) == HLN_OK && g.number) {   /* TensorValue oneof */
            hln_pb vr;
            if (g.wire_type != HLN_PB_LEN) continue;
            vr = hln_pb_sub(&tr, &g);
            while ((r = hln_pb_next(&vr, &h, p->err)) == HLN_OK && h.number) {
                if (h.number != 1) continue;
                if (g.number == 2 || g.number == 5 || g.number == 3) {   /* ints, longInts, bools: varints */
                    hln_cm__ints it;
                    uint64_t c, v;
                    if ((r = hln_cm__count(p, &h, HLN_PB_VARINT, &c, "TensorValue")) != HLN_OK) return r;
                    hln_cm__ints_init(&it, p, &h);
                    out->kind = 1;
                    while (hln_cm__ints_next(&it, &v))
                        if (out->n < 8) out->ints[out->n++] = g.number == 2 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
                } else if (g.number == 1 && h.wire_type == HLN_PB_LEN && h.len >= 4) {
                    out->kind = 2;
                    out->f = hln__f32_bits((uint32_t)hln__load_uint(p->data + h.data_offset, 4, 0));
                } else if (g.number == 1 && h.wire_type == HLN_PB_I32) {
                    out->kind = 2;
                    out->f = hln__f32_bits((uint32_t)h.value);
                } else if (g.number == 4 && !out->str) {
                    if ((r = hln_cm__str(p, &h, "TensorValue.strings", &out->str)) != HLN_OK) return r;
                    out->kind = 3;
                }
            }
            if (r != HLN_OK) return r;
        }
        if (r != HLN_OK) return r;
    }
    return r;
}

/* The bytes of an immediate tensor as a view, when they are stored raw (floats, bytes). */
static int hln_cm__immediate_view(hln_pb sub, uint64_t *at, uint64_t *len) {
    hln_pb_field f, g, h;
    while (hln_pb_next(&sub, &f, NULL) == HLN_OK && f.number) {
        hln_pb tr;
        if (f.number != 1 || f.wire_type != HLN_PB_LEN) continue;
        tr = hln_pb_sub(&sub, &f);
        while (hln_pb_next(&tr, &g, NULL) == HLN_OK && g.number) {
            hln_pb vr;
            if (g.wire_type != HLN_PB_LEN || (g.number != 1 && g.number != 6 && g.number != 7)) continue;
            vr = hln_pb_sub(&tr, &g);
            while (hln_pb_next(&vr, &h, NULL) == HLN_OK && h.number)
                if (h.number == 1 && h.wire_type == HLN_PB_LEN) { *at = h.data_offset; *len = h.len; return 1; }
        }
    }
    return 0;
}

/* Value { type = 2, immediateValue = 3, blobFileValue = 5 {fileName = 1, offset = 2} } of a
   const / constexpr op's attribute: counted, checked, and (when building) a tensor. */
static hln_result hln_cm__const_value(hln_cm__p *p, hln_cm__mil *mil, hln_pb sub, const char *tname, int32_t value,
                                      uint64_t at) {
    hln_pb_field f;
    hln_result r;
    hln_cm__ttype t;
    uint64_t imm_at = 0, imm_len = 0, blob_off = 0;
    const char *blob_ref = NULL;
    int has_type = 0;
    memset(&t, 0, sizeof t);
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 2) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, tname)) != HLN_OK) return r;
            if ((r = hln_cm__value_type(p, hln_pb_sub(&sub, &f), &t, tname)) != HLN_OK) return r;
            has_type = 1;
        } else if (f.number == 3) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, tname)) != HLN_OK) return r;
            imm_at = f.data_offset;
            imm_len = f.len;
        } else if (f.number == 5) {
            hln_pb br;
            hln_pb_field g;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, tname)) != HLN_OK) return r;
            br = hln_pb_sub(&sub, &f);
            blob_ref = "";
            while ((r = hln_pb_next(&br, &g, p->err)) == HLN_OK && g.number)
                if (g.number == 1) { if ((r = hln_cm__str(p, &g, "BlobFileValue.fileName", &blob_ref)) != HLN_OK) return r; }
                else if (g.number == 2) { if ((r = hln_cm__want(p, &g, HLN_PB_VARINT, "BlobFileValue.offset")) != HLN_OK) return r; blob_off = g.value; }
            if (r != HLN_OK) return r;
        }
    }
    if (r != HLN_OK) return r;
    if (value >= 0 && imm_at && p->params && (uint32_t)value < p->cap_params)
        if ((r = hln_cm__immediate_param(p, hln_cm__reader(p, imm_at, imm_at + imm_len), &p->params[value])) != HLN_OK) return r;
    if (!has_type || !t.is_tensor || !t.dt || t.dt->id == 2 || t.rank == 0) {
        if (blob_ref) mil->blob_refs++;
        return HLN_OK;   /* strings, scalars and non-tensors are not parameters */
    }
    if (!t.known) return hln_error_set(p->err, HLN_ERR_LAYOUT, at, tname, "a constant with an unknown dimension");
    {
        uint64_t bytes = hln_cm__tt_bytes(&t), data_off = 0;
        const uint8_t *data = NULL;
        uint32_t file = p->file;
        int32_t ti;
        if (bytes == UINT64_MAX) return hln_error_set(p->err, HLN_ERR_OVERFLOW, at, tname, "tensor byte size overflows");
        hln_cm__mil_dtype_add(mil, t.dt->id, t.elements, bytes);
        mil->param_elements += t.elements;
        mil->param_bytes += bytes;
        if (blob_ref) {
            uint32_t i;
            mil->blob_tensors++;
            mil->blob_refs++;
            for (i = 0; i < mil->n_blob_files && strcmp(mil->blob_files[i], blob_ref) != 0; i++) {}
            if (i == mil->n_blob_files) {
                if (i == HLN_COREML_MAX_BLOBS)
                    return hln_error_set(p->err, HLN_ERR_LIMIT, at, tname, "more than HLN_COREML_MAX_BLOBS (%d) blob files", HLN_COREML_MAX_BLOBS);
                mil->blob_files[mil->n_blob_files++] = blob_ref;
            }
#ifndef HLN_NO_STDIO
            if (p->package) {
                hln_cm__blob *b = NULL;
                if ((r = hln_cm__open_blob(p, blob_ref, at, &b)) != HLN_OK) return r;
                if ((r = hln_cm__blob_check(p, b, blob_off, &t, at, &data_off)) != HLN_OK) return r;
                data = b->data + data_off;
                file = b->file;
            } else
#endif
            {
                mil->consistent = 0;   /* no package: the references cannot be checked */
                data_off = blob_off;
                file = UINT32_MAX;
            }
        } else {
            uint64_t vat = 0, vlen = 0;
            mil->immediate_tensors++;
            if (hln_cm__immediate_view(hln_cm__reader(p, imm_at, imm_at + imm_len), &vat, &vlen)) {
                if (vlen != bytes && t.dt->bits >= 8)
                    return hln_error_set(p->err, HLN_ERR_LAYOUT, vat, tname, "immediate value of %llu bytes, the tensor type needs %llu",
                                         (unsigned long long)vlen, (unsigned long long)bytes);
                data = p->data + vat;
                data_off = vat;
            }
        }
        if (p->build_ir) {
            if ((r = hln_cm__tensor(p, tname, t.dt->dtype, (int32_t)t.dt->id, t.rank, t.dims, t.elements, bytes,
                                    file == UINT32_MAX ? p->file : file, data_off, data, &ti)) != HLN_OK) return r;
            if (file == UINT32_MAX) { p->tensors[ti].flags |= HLN_TENSOR_EXTERNAL; p->tensors[ti].data = NULL; }
            else if (file != p->file) p->tensors[ti].flags |= HLN_TENSOR_EXTERNAL;
            if ((r = hln_cm__bind(p, tname, ti, NULL)) != HLN_OK) return r;
        }
    }
    return HLN_OK;
}

/* How MIL ops map onto ONNX ops: the ONNX name, the MIL argument names in ONNX input order. */
typedef struct hln_cm__milop { const char *mil, *onnx; const char *args[5]; } hln_cm__milop;
static const hln_cm__milop hln_cm__milops[] = {
    {"conv", "Conv", {"x", "weight", "bias"}}, {"conv_transpose", "ConvTranspose", {"x", "weight", "bias"}},
    {"linear", "Gemm", {"x", "weight", "bias"}}, {"matmul", "MatMul", {"x", "y"}},
    {"batch_norm", "BatchNormalization", {"x", "gamma", "beta", "mean", "variance"}},
    {"instance_norm", "InstanceNormalization", {"x", "gamma", "beta"}},
    {"layer_norm", "LayerNormalization", {"x", "gamma", "beta"}},
    {"max_pool", "MaxPool", {"x"}}, {"avg_pool", "AveragePool", {"x"}}, {"l2_pool", "LpPool", {"x"}},
    {"relu", "Relu", {"x"}}, {"sigmoid", "Sigmoid", {"x"}}, {"tanh", "Tanh", {"x"}}, {"leaky_relu", "LeakyRelu", {"x"}},
    {"elu", "Elu", {"x"}}, {"gelu", "Gelu", {"x"}}, {"softplus", "Softplus", {"x"}}, {"softsign", "Softsign", {"x"}},
    {"erf", "Erf", {"x"}}, {"exp", "Exp", {"x"}}, {"log", "Log", {"x"}}, {"sqrt", "Sqrt", {"x"}}, {"abs", "Abs", {"x"}},
    {"softmax", "Softmax", {"x"}}, {"reduce_mean", "ReduceMean", {"x"}}, {"reduce_sum", "ReduceSum", {"x"}},
    {"reduce_max", "ReduceMax", {"x"}}, {"add", "Add", {"x", "y"}}, {"sub", "Sub", {"x", "y"}},
    {"mul", "Mul", {"x", "y"}}, {"real_div", "Div", {"x", "y"}}, {"pow", "Pow", {"x", "y"}},
    {"maximum", "Max", {"x", "y"}}, {"minimum", "Min", {"x", "y"}}, {"transpose", "Transpose", {"x"}},
    {"reshape", "Reshape", {"x", "shape"}}, {"identity", "Identity", {"x"}}
};

/* Argument { arguments = 1 Binding { name = 1, value = 2 } }: the first bound name. */
static hln_result hln_cm__argument(hln_cm__p *p, hln_pb sub, const char **names, uint32_t cap, uint32_t *n) {
    hln_pb_field f, g;
    hln_result r;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        hln_pb br;
        if (f.number != 1) continue;
        if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Argument")) != HLN_OK) return r;
        br = hln_pb_sub(&sub, &f);
        while ((r = hln_pb_next(&br, &g, p->err)) == HLN_OK && g.number)
            if (g.number == 1) {
                const char *s;
                if ((r = hln_cm__str(p, &g, "Argument.name", &s)) != HLN_OK) return r;
                if (*n < cap) names[(*n)++] = s;
            }
        if (r != HLN_OK) return r;
    }
    return r;
}

/* The params of a mapped op, from the consts its arguments name. */
static const hln_cm__param *hln_cm__arg_param(hln_cm__p *p, const char *name) {
    int32_t v = name ? hln_cm__find_value(p, name) : -1;
    if (v < 0 || !p->params || (uint32_t)v >= p->cap_params || !p->params[v].kind) return NULL;
    return &p->params[v];
}
static hln_result hln_cm__mil_attrs(hln_cm__p *p, hln_cm__nb *b, const char *const *keys,
                                    const char *const *vals, uint32_t n) {
    uint32_t i, k;
    hln_result r;
    const hln_cm__param *pad = NULL, *pad_type = NULL;
    for (i = 0; i < n; i++) {
        const hln_cm__param *q = hln_cm__arg_param(p, vals[i]);
        if (!q) continue;
        if (q->kind == 1 && (strcmp(keys[i], "strides") == 0 || strcmp(keys[i], "dilations") == 0 || strcmp(keys[i], "perm") == 0 ||
                             strcmp(keys[i], "axes") == 0)) {
            if ((r = hln_cm__nb_ints(p, b, keys[i], q->ints, q->n)) != HLN_OK) return r;
        } else if (q->kind == 1 && strcmp(keys[i], "kernel_sizes") == 0) {
            if ((r = hln_cm__nb_ints(p, b, "kernel_shape", q->ints, q->n)) != HLN_OK) return r;
        } else if (q->kind == 1 && q->n == 1 && strcmp(keys[i], "groups") == 0) hln_cm__nb_int(b, "group", q->ints[0]);
        else if (q->kind == 1 && q->n == 1 && strcmp(keys[i], "axis") == 0) hln_cm__nb_int(b, "axis", q->ints[0]);
        else if (q->kind == 1 && q->n == 1 && strcmp(keys[i], "keep_dims") == 0) hln_cm__nb_int(b, "keepdims", q->ints[0]);
        else if (q->kind == 2 && (strcmp(keys[i], "alpha") == 0 || strcmp(keys[i], "epsilon") == 0)) hln_cm__nb_float(b, keys[i], (float)q->f);
        else if (q->kind == 1 && strcmp(keys[i], "pad") == 0) pad = q;
        else if (q->kind == 3 && strcmp(keys[i], "pad_type") == 0) pad_type = q;
    }
    if (pad_type && strcmp(pad_type->str, "same") == 0) hln_cm__nb_str(b, "auto_pad", "SAME_UPPER");
    else if (pad_type && strcmp(pad_type->str, "valid") == 0) hln_cm__nb_str(b, "auto_pad", "VALID");
    else if (pad && pad->n % 2 == 0 && pad->n <= 2 * 3) {   /* MIL [b0, e0, b1, e1] -> ONNX [b0, b1, e0, e1] */
        int64_t v[6];
        uint32_t half = pad->n / 2;
        for (k = 0; k < half; k++) { v[k] = pad->ints[2 * k]; v[half + k] = pad->ints[2 * k + 1]; }
        if ((r = hln_cm__nb_ints(p, b, "pads", v, pad->n)) != HLN_OK) return r;
    }
    return HLN_OK;
}

static hln_result hln_cm__block(hln_cm__p *p, hln_cm__mil *mil, hln_pb sub, uint32_t depth, const char ***outputs,
                                uint32_t *n_outputs);

/* Operation { type = 1, inputs = 2 map<string, Argument>, outputs = 3, blocks = 4, attributes = 5 }. */
static hln_result hln_cm__operation(hln_cm__p *p, hln_cm__mil *mil, hln_pb sub, uint32_t depth) {
    hln_pb_field f;
    hln_result r;
    const char *type = "", *out_name = NULL;
    const char *keys[HLN_CM__MAX_IO], *vals[HLN_CM__MAX_IO];
    uint32_t n_args = 0, n_out = 0, i;
    hln_cm__ttype out_types[4];
    const char *out_names[HLN_CM__MAX_IO];
    uint64_t start = sub.pos;
    int is_const, is_constexpr;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) { if ((r = hln_cm__str(p, &f, "Operation.type", &type)) != HLN_OK) return r; }
        else if (f.number == 3) {
            hln_cm__ttype t;
            const char *nm;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Operation.outputs")) != HLN_OK) return r;
            if ((r = hln_cm__named_type(p, hln_pb_sub(&sub, &f), &nm, &t)) != HLN_OK) return r;
            if (n_out < 4) out_types[n_out] = t;
            if (n_out < HLN_CM__MAX_IO) out_names[n_out++] = nm;
            if (!out_name) out_name = nm;
            if (t.is_tensor && t.known && hln_cm__tt_bytes(&t) == UINT64_MAX)
                return hln_error_set(p->err, HLN_ERR_OVERFLOW, f.offset, nm, "tensor byte size overflows");
        } else if (f.number == 2) {   /* map<string, Argument> */
            const char *key, *names[1] = { NULL };
            uint64_t aat, alen;
            uint32_t nn = 0;
            if ((r = hln_cm__map_entry(p, &sub, &f, "Operation.inputs", &key, &aat, &alen)) != HLN_OK) return r;
            if (aat && (r = hln_cm__argument(p, hln_cm__reader(p, aat, aat + alen), names, 1, &nn)) != HLN_OK) return r;
            if (nn && n_args < HLN_CM__MAX_IO) { keys[n_args] = key; vals[n_args++] = names[0]; }
        } else if (f.number == 4) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Operation.blocks")) != HLN_OK) return r;
        } else if (f.number == 5) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Operation.attributes")) != HLN_OK) return r;
        }
    }
    if (r != HLN_OK) return r;
    mil->ops++;
    hln_cm__hist_add(mil->types, type);
    is_const = strcmp(type, "const") == 0;
    is_constexpr = strncmp(type, "constexpr_", 10) == 0;
    if (is_const) mil->const_ops++;
    if (is_constexpr)
        for (i = 0; i < n_out && i < 4; i++)
            if (out_types[i].is_tensor && out_types[i].known) mil->constexpr_out += out_types[i].elements;
    if (p->build_ir) for (i = 0; i < n_out; i++) {   /* declared output types */
        int32_t v;
        if ((r = hln_cm__value(p, out_names[i], &v)) != HLN_OK) return r;
        if (i < 4 && out_types[i].is_tensor && out_types[i].dt && out_types[i].rank <= HLN_MAX_DIMS &&
            (r = hln_cm__set_shape(p, v, out_types[i].dt->dtype, out_types[i].rank, out_types[i].dims)) != HLN_OK) return r;
    }
    if (is_const || is_constexpr) {   /* attributes: map<string, Value> entries { key = 1, value = 2 } */
        hln_pb ar = hln_cm__reader(p, start, sub.end);
        hln_cm__nb b;
        if (p->build_ir && is_constexpr) hln_cm__nb_init(&b, out_name, type, "coreml");
        while ((r = hln_pb_next(&ar, &f, p->err)) == HLN_OK && f.number) {
            const char *key;
            uint64_t vat, vlen;
            if (f.number != 5) continue;
            if ((r = hln_cm__map_entry(p, &ar, &f, "Operation.attributes", &key, &vat, &vlen)) != HLN_OK) return r;
            if (!vat || strcmp(key, "name") == 0) continue;
            if (is_const && strcmp(key, "val") == 0) {
                int32_t v = -1;
                if (out_name && p->build_ir && (r = hln_cm__value(p, out_name, &v)) != HLN_OK) return r;
                if ((r = hln_cm__const_value(p, mil, hln_cm__reader(p, vat, vat + vlen), out_name ? out_name : "", v, f.offset)) != HLN_OK) return r;
            } else {
                size_t ol = out_name ? strlen(out_name) : 0, kl = strlen(key);
                char *tname = (char *)hln_arena_alloc(&p->m->arena, ol + kl + 2);
                int32_t v = -1;
                if (!tname) return hln_cm__nomem(p, f.offset);
                if (ol) memcpy(tname, out_name, ol);
                tname[ol] = '.';
                memcpy(tname + ol + 1, key, kl + 1);
                if ((r = hln_cm__const_value(p, mil, hln_cm__reader(p, vat, vat + vlen), tname, -1, f.offset)) != HLN_OK) return r;
                if (p->build_ir && is_constexpr && (v = hln_cm__find_value(p, tname)) >= 0 && p->values[v].tensor >= 0 &&
                    b.n_in < HLN_CM__MAX_IO) b.in[b.n_in++] = v;
            }
        }
        if (r != HLN_OK) return r;
        if (p->build_ir && is_constexpr) {
            for (i = 0; i < n_out; i++) if ((r = hln_cm__nb_out(p, &b, out_names[i])) != HLN_OK) return r;
            for (i = 0; i < n_args; i++) if ((r = hln_cm__nb_in(p, &b, vals[i])) != HLN_OK) return r;
            if ((r = hln_cm__node_add(p, &b, type)) != HLN_OK) return r;
        }
    } else if (p->build_ir) {
        const hln_cm__milop *map = NULL;
        hln_cm__nb b;
        size_t k;
        for (k = 0; k < sizeof hln_cm__milops / sizeof hln_cm__milops[0]; k++)
            if (strcmp(hln_cm__milops[k].mil, type) == 0) map = &hln_cm__milops[k];
        hln_cm__nb_init(&b, out_name, map ? map->onnx : type, map ? "" : "coreml");
        if (map) {
            uint32_t a, last = 0;
            for (a = 0; a < 5 && map->args[a]; a++) {
                const char *nm = NULL;
                for (i = 0; i < n_args; i++) if (strcmp(keys[i], map->args[a]) == 0) nm = vals[i];
                if ((r = hln_cm__nb_in(p, &b, nm)) != HLN_OK) return r;
                if (nm) last = b.n_in;
            }
            b.n_in = last;
            if ((r = hln_cm__mil_attrs(p, &b, keys, vals, n_args)) != HLN_OK) return r;
            if (strcmp(type, "linear") == 0) hln_cm__nb_int(&b, "transB", 1);
        } else for (i = 0; i < n_args; i++) if ((r = hln_cm__nb_in(p, &b, vals[i])) != HLN_OK) return r;
        for (i = 0; i < n_out; i++) if ((r = hln_cm__nb_out(p, &b, out_names[i])) != HLN_OK) return r;
        if ((r = hln_cm__node_add(p, &b, type)) != HLN_OK) return r;
    }
    {   /* nested blocks: their ops join the graph (flattened) */
        hln_pb br = hln_cm__reader(p, start, sub.end);
        while ((r = hln_pb_next(&br, &f, p->err)) == HLN_OK && f.number)
            if (f.number == 4) {
                if (depth + 1 > HLN_COREML_MAX_DEPTH)
                    return hln_error_set(p->err, HLN_ERR_LIMIT, f.offset, type, "MIL blocks nested deeper than HLN_COREML_MAX_DEPTH (%d)",
                                         HLN_COREML_MAX_DEPTH);
                if ((r = hln_cm__block(p, mil, hln_pb_sub(&br, &f), depth + 1, NULL, NULL)) != HLN_OK) return r;
            }
    }
    return r;
}

/* Block { inputs = 1, outputs = 2, operations = 3, attributes = 4 }. */
static hln_result hln_cm__block(hln_cm__p *p, hln_cm__mil *mil, hln_pb sub, uint32_t depth, const char ***outputs,
                                uint32_t *n_outputs) {
    hln_pb_field f;
    hln_result r;
    uint32_t cap = 0;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 3) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Block.operations")) != HLN_OK) return r;
            if ((r = hln_cm__operation(p, mil, hln_pb_sub(&sub, &f), depth)) != HLN_OK) return r;
        } else if (f.number == 2 && outputs) {
            const char *s;
            if ((r = hln_cm__str(p, &f, "Block.outputs", &s)) != HLN_OK) return r;
            if ((r = hln_cm__grow(p, (void **)outputs, &cap, *n_outputs, sizeof **outputs)) != HLN_OK) return r;
            (*outputs)[(*n_outputs)++] = s;
        }
    }
    return r;
}

static const char *hln_cm__mil_name(const hln_cm__mil_type *t) { return t ? t->name : "UNUSED_TYPE"; }

/* Function { inputs = 1, opset = 2, block_specializations = 3 map<string, Block> }. */
static hln_result hln_cm__function(hln_cm__p *p, hln_cm__mil *mil, const char *fname, hln_pb sub, int main_fn) {
    hln_pb_field f;
    hln_result r;
    const char *opset = "";
    uint64_t start = sub.pos, end = sub.end;
    const char **outputs = NULL;
    uint32_t n_outputs = 0, i;
    int build = p->build_ir, found = 0;
    hln_jw_name_keyn(&p->jb, fname, strlen(fname));
    hln_jw_open(&p->jb, '{');
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number)
        if (f.number == 2) { if ((r = hln_cm__str(p, &f, "Function.opset", &opset)) != HLN_OK) return r; }
    if (r != HLN_OK) return r;
    hln_cm__jb_kstr(p, "opset", opset, strlen(opset));
    hln_cm__jb_open(p, "inputs", '[');
    p->build_ir = build && main_fn;
    sub = hln_cm__reader(p, start, end);
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        hln_cm__ttype t;
        const char *nm;
        if (f.number != 1) continue;
        if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Function.inputs")) != HLN_OK) break;
        if ((r = hln_cm__named_type(p, hln_pb_sub(&sub, &f), &nm, &t)) != HLN_OK) break;
        hln_cm__jb_open(p, NULL, '{');
        hln_cm__jb_kname(p, "name", nm, strlen(nm));
        hln_cm__jb_kstr(p, "data_type", hln_cm__mil_name(t.dt), strlen(hln_cm__mil_name(t.dt)));
        hln_cm__jb_open(p, "shape", '[');
        for (i = 0; i < t.rank; i++) {
            if (t.dims[i] < 0) hln_jw_raw(&p->jb, "null");
            else hln_cm__jb_ki(p, NULL, t.dims[i]);
        }
        hln_cm__jb_close(p, ']');
        hln_cm__jb_close(p, '}');
        if (p->build_ir) {   /* the function's inputs are the graph's, with the program's shapes */
            int32_t v;
            if ((r = hln_cm__value(p, nm, &v)) != HLN_OK) break;
            if (t.dt && (r = hln_cm__set_shape(p, v, t.dt->dtype, t.rank, t.dims)) != HLN_OK) break;
            if ((r = hln_cm__io_add(p, 0, v)) != HLN_OK) break;
        }
    }
    if (r != HLN_OK) { p->build_ir = build; return r; }
    hln_cm__jb_close(p, ']');
    hln_cm__jb_open(p, "block_specializations", '[');
    sub = hln_cm__reader(p, start, end);
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {   /* map<string, Block> */
        const char *key;
        uint64_t bat, blen;
        if (f.number != 3) continue;
        if ((r = hln_cm__map_entry(p, &sub, &f, "Function.block_specializations", &key, &bat, &blen)) != HLN_OK) break;
        hln_cm__jb_kstr(p, NULL, key, strlen(key));
    }
    hln_cm__jb_close(p, ']');
    if (r != HLN_OK) { p->build_ir = build; return r; }
    /* the block of the function's opset (else the first) is read; the graph is built from it */
    mil->types = (hln_cm__hist *)hln_arena_alloc(&p->m->arena, sizeof *mil->types);
    if (!mil->types) { p->build_ir = build; return hln_cm__nomem(p, start); }
    mil->ops = mil->const_ops = 0;
    for (i = 0; i < 2 && !found && r == HLN_OK; i++) {
        sub = hln_cm__reader(p, start, end);
        while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number && !found) {
            const char *key;
            uint64_t bat, blen;
            if (f.number != 3) continue;
            if ((r = hln_cm__map_entry(p, &sub, &f, "Function.block_specializations", &key, &bat, &blen)) != HLN_OK) break;
            if (i == 0 && strcmp(key, opset) != 0) continue;
            found = 1;
            if ((r = hln_cm__block(p, mil, hln_cm__reader(p, bat, bat + blen), 0, &outputs, &n_outputs)) != HLN_OK) break;
        }
    }
    if (r == HLN_OK && p->build_ir)
        for (i = 0; i < n_outputs; i++) {
            int32_t v;
            if ((r = hln_cm__value(p, outputs[i], &v)) != HLN_OK) break;
            if ((r = hln_cm__io_add(p, 1, v)) != HLN_OK) break;
        }
    p->build_ir = build;
    if (r != HLN_OK) return r;
    hln_cm__jb_open(p, "outputs", '[');
    for (i = 0; i < n_outputs; i++) hln_cm__jb_kname(p, NULL, outputs[i], strlen(outputs[i]));
    hln_cm__jb_close(p, ']');
    hln_cm__jb_ku(p, "ops", mil->ops);
    hln_cm__hist_write(p, "op_types", mil->types);
    hln_cm__jb_ku(p, "const_ops", mil->const_ops);
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

static int hln_cm__dtype_cmp(const void *a, const void *b) {
    const hln_cm__mil_type *x = hln_cm__mil_type_get(*(const uint32_t *)a), *y = hln_cm__mil_type_get(*(const uint32_t *)b);
    return strcmp(hln_cm__mil_name(x), hln_cm__mil_name(y));
}

/* Program { version = 1, functions = 2 map<string, Function>, docString = 3, attributes = 4 }. */
static hln_result hln_cm__program(hln_cm__p *p, uint64_t at, uint64_t len) {
    hln_pb sub = hln_cm__reader(p, at, at + len);
    hln_pb_field f;
    hln_result r;
    hln_cm__mil *mil = (hln_cm__mil *)hln_arena_alloc(&p->m->arena, sizeof *mil);
    uint64_t version = 0;
    uint32_t i, n_fn = 0, main_index = UINT32_MAX;
    if (!mil) return hln_cm__nomem(p, at);
    mil->consistent = 1;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) { if ((r = hln_cm__want(p, &f, HLN_PB_VARINT, "Program.version")) != HLN_OK) return r; version = f.value; }
        else if (f.number == 2) {   /* find "main", else the first function builds the graph */
            const char *key;
            uint64_t fat, flen;
            if ((r = hln_cm__map_entry(p, &sub, &f, "Program.functions", &key, &fat, &flen)) != HLN_OK) return r;
            if (strcmp(key, "main") == 0 && main_index == UINT32_MAX) main_index = n_fn;
            n_fn++;
        }
    }
    if (r != HLN_OK) return r;
    if (main_index == UINT32_MAX) main_index = 0;
    hln_cm__jb_open(p, "ml_program", '{');
    hln_cm__jb_ku(p, "version", version);
    hln_cm__jb_open(p, "functions", '{');
    sub = hln_cm__reader(p, at, at + len);
    for (i = 0; (r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number;) {
        const char *key;
        uint64_t fat, flen;
        if (f.number != 2) continue;
        if ((r = hln_cm__map_entry(p, &sub, &f, "Program.functions", &key, &fat, &flen)) != HLN_OK) return r;
        if ((r = hln_cm__function(p, mil, key, hln_cm__reader(p, fat, fat + flen), i == main_index)) != HLN_OK) return r;
        i++;
    }
    if (r != HLN_OK) return r;
    hln_cm__jb_close(p, '}');
    hln_cm__jb_open(p, "params_by_dtype", '{');
    {   /* sorted by name */
        uint32_t order[32], k;
        for (i = 0; i < mil->n_dtypes; i++) order[i] = mil->dtypes[i].id;
        qsort(order, mil->n_dtypes, sizeof order[0], hln_cm__dtype_cmp);
        for (k = 0; k < mil->n_dtypes; k++)
            for (i = 0; i < mil->n_dtypes; i++)
                if (mil->dtypes[i].id == order[k]) {
                    hln_cm__jb_open(p, hln_cm__mil_name(hln_cm__mil_type_get(order[k])), '{');
                    hln_cm__jb_ku(p, "tensors", mil->dtypes[i].tensors);
                    hln_cm__jb_ku(p, "elements", mil->dtypes[i].elements);
                    hln_cm__jb_ku(p, "bytes", mil->dtypes[i].bytes);
                    hln_cm__jb_close(p, '}');
                }
    }
    hln_cm__jb_close(p, '}');
    hln_cm__jb_ku(p, "param_elements", mil->param_elements);
    hln_cm__jb_ku(p, "param_bytes", mil->param_bytes);
    hln_cm__jb_open(p, "param_storage", '{');
    hln_cm__jb_ku(p, "blob", mil->blob_tensors);
    hln_cm__jb_ku(p, "immediate", mil->immediate_tensors);
    hln_cm__jb_close(p, '}');
    hln_cm__jb_ku(p, "constexpr_output_elements", mil->constexpr_out);
    hln_cm__jb_open(p, "blob_files", '[');
    for (i = 0; i < mil->n_blob_files; i++) hln_cm__jb_kname(p, NULL, mil->blob_files[i], strlen(mil->blob_files[i]));
    hln_cm__jb_close(p, ']');
    if (mil->blob_refs) {
        hln_cm__jb_ku(p, "blob_refs", mil->blob_refs);
        hln_cm__jb_kb(p, "blob_refs_consistent", mil->consistent);
    }
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* ---- classic model types: facts only ---- */
/* NonMaximumSuppression: pickTop = 1, stringClassLabels = 100, int64ClassLabels = 101,
   iouThreshold = 110, confidenceThreshold = 111 (doubles). */
static hln_result hln_cm__nms(hln_cm__p *p, hln_pb sub) {
    hln_pb_field f, g;
    hln_result r;
    double iou = 0, conf = 0;
    uint64_t labels = 0;
    const char *method = NULL;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 1) method = "pickTop";
        else if (f.number == 110 || f.number == 111) {
            if ((r = hln_cm__want(p, &f, HLN_PB_I64, "NonMaximumSuppression")) != HLN_OK) return r;
            if (f.number == 110) iou = hln__f64_bits(f.value); else conf = hln__f64_bits(f.value);
        } else if (f.number == 100 || f.number == 101) {
            hln_pb vr;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "NonMaximumSuppression.classLabels")) != HLN_OK) return r;
            vr = hln_pb_sub(&sub, &f);
            while ((r = hln_pb_next(&vr, &g, p->err)) == HLN_OK && g.number)
                if (g.number == 1) {
                    uint64_t c = 1;
                    if (f.number == 101 && (r = hln_cm__count(p, &g, HLN_PB_VARINT, &c, "int64ClassLabels")) != HLN_OK) return r;
                    labels += c;
                }
            if (r != HLN_OK) return r;
        }
    }
    if (r != HLN_OK) return r;
    hln_cm__jb_open(p, "nms", '{');
    if (method) hln_cm__jb_kstr(p, "suppression", method, strlen(method));
    hln_cm__jb_ku(p, "class_labels", labels);
    hln_cm__jb_kf(p, "iou_threshold", iou);
    hln_cm__jb_kf(p, "confidence_threshold", conf);
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* TreeEnsembleClassifier/Regressor { treeEnsemble = 1 { nodes = 1 TreeNode { treeId = 1,
   nodeBehavior = 3 (6 = LeafNode) }, numPredictionDimensions = 2 }, postEvaluationTransform = 2 }. */
static hln_result hln_cm__tree_ensemble(hln_cm__p *p, hln_pb sub) {
    static const char *const transforms[4] = { "NoTransform", "Classification_SoftMax", "Regression_Logistic",
                                               "Classification_SoftMaxWithZeroClassReference" };
    hln_pb_field f, g, h;
    hln_result r;
    uint64_t nodes = 0, leaves = 0, dims = 0, transform = 0, max_tree = 0;
    int any = 0;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        if (f.number == 2 && f.wire_type == HLN_PB_VARINT) transform = f.value;
        else if (f.number == 1) {
            hln_pb er;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "treeEnsemble")) != HLN_OK) return r;
            er = hln_pb_sub(&sub, &f);
            while ((r = hln_pb_next(&er, &g, p->err)) == HLN_OK && g.number) {
                hln_pb nr;
                if (g.number == 2 && g.wire_type == HLN_PB_VARINT) dims = g.value;
                if (g.number != 1 || g.wire_type != HLN_PB_LEN) continue;
                nodes++;
                nr = hln_pb_sub(&er, &g);
                while ((r = hln_pb_next(&nr, &h, p->err)) == HLN_OK && h.number)
                    if (h.number == 1 && h.wire_type == HLN_PB_VARINT) { if (!any || h.value > max_tree) max_tree = h.value; any = 1; }
                    else if (h.number == 3 && h.wire_type == HLN_PB_VARINT && h.value == 6) leaves++;
                if (r != HLN_OK) return r;
            }
            if (r != HLN_OK) return r;
        }
    }
    if (r != HLN_OK) return r;
    hln_cm__jb_open(p, "tree_ensemble", '{');
    hln_cm__jb_ku(p, "trees", nodes ? max_tree + 1 : 0);   /* tree ids are 0..n-1 */
    hln_cm__jb_ku(p, "nodes", nodes);
    hln_cm__jb_ku(p, "leaves", leaves);
    hln_cm__jb_ku(p, "prediction_dimensions", dims);
    hln_cm__jb_kstr(p, "post_evaluation_transform", transform < 4 ? transforms[transform] : "unknown",
                    strlen(transform < 4 ? transforms[transform] : "unknown"));
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* Scaler { shiftValue = 1, scaleValue = 2 } (repeated double). */
static hln_result hln_cm__scaler(hln_cm__p *p, hln_pb sub) {
    hln_pb_field f;
    hln_result r;
    uint64_t n[3] = { 0, 0, 0 }, c;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number)
        if (f.number == 1 || f.number == 2) {
            if ((r = hln_cm__count(p, &f, HLN_PB_I64, &c, "Scaler")) != HLN_OK) return r;
            n[f.number] += c;
        }
    if (r != HLN_OK) return r;
    hln_cm__jb_open(p, "scaler", '{');
    hln_cm__jb_ku(p, "shift", n[1]);
    hln_cm__jb_ku(p, "scale", n[2]);
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* ---- the Model message (Model.proto) ------------------------------------------------------ */
static hln_result hln_cm__model(hln_cm__p *p, uint64_t at, uint64_t len, uint32_t depth, hln_cm__stats *s, int top);

/* Pipeline { models = 1, names = 2 }. */
static hln_result hln_cm__pipeline(hln_cm__p *p, hln_pb sub, uint32_t depth, hln_cm__stats *s) {
    hln_pb_field f;
    hln_result r;
    uint64_t start = sub.pos, end = sub.end;
    if (depth + 1 > HLN_COREML_MAX_DEPTH)
        return hln_error_set(p->err, HLN_ERR_LIMIT, start, "pipeline", "pipelines nested deeper than HLN_COREML_MAX_DEPTH (%d)",
                             HLN_COREML_MAX_DEPTH);
    hln_cm__jb_open(p, "pipeline", '{');
    hln_cm__jb_open(p, "names", '[');
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number)
        if (f.number == 2) {
            const char *nm;
            if ((r = hln_cm__str(p, &f, "Pipeline.names", &nm)) != HLN_OK) return r;
            hln_cm__jb_kname(p, NULL, nm, strlen(nm));
        }
    if (r != HLN_OK) return r;
    hln_cm__jb_close(p, ']');
    hln_cm__jb_open(p, "models", '[');
    sub = hln_cm__reader(p, start, end);
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number)
        if (f.number == 1) {
            hln_cm__stats sub_stats;
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Pipeline.models")) != HLN_OK) return r;
            memset(&sub_stats, 0, sizeof sub_stats);
            hln_cm__jb_open(p, NULL, '{');
            if ((r = hln_cm__model(p, f.data_offset, f.len, depth + 1, &sub_stats, 0)) != HLN_OK) return r;
            hln_cm__jb_close(p, '}');
            hln_cm__stats_merge(s, &sub_stats);
        }
    if (r != HLN_OK) return r;
    hln_cm__jb_close(p, ']');
    hln_cm__jb_close(p, '}');
    return HLN_OK;
}

/* A classic model as one node: the description's inputs -> its outputs. */
static hln_result hln_cm__model_node(hln_cm__p *p, const char *type, uint64_t desc_at, uint64_t desc_len) {
    hln_pb dr = hln_cm__reader(p, desc_at, desc_at + desc_len);
    hln_pb_field f, g;
    hln_result r;
    hln_cm__nb b;
    hln_cm__nb_init(&b, type, type, "coreml");
    while ((r = hln_pb_next(&dr, &f, p->err)) == HLN_OK && f.number) {
        hln_pb fr;
        const char *nm = NULL;
        if ((f.number != 1 && f.number != 10) || f.wire_type != HLN_PB_LEN) continue;
        fr = hln_pb_sub(&dr, &f);
        while ((r = hln_pb_next(&fr, &g, p->err)) == HLN_OK && g.number)
            if (g.number == 1 && (r = hln_cm__str(p, &g, "FeatureDescription.name", &nm)) != HLN_OK) return r;
        if (r != HLN_OK) return r;
        if (nm && nm[0]) r = f.number == 1 ? hln_cm__nb_in(p, &b, nm) : hln_cm__nb_out(p, &b, nm);
        if (r != HLN_OK) return r;
    }
    if (r != HLN_OK) return r;
    return hln_cm__node_add(p, &b, type);
}

/* Model { specificationVersion = 1, description = 2, isUpdatable = 10, Type oneof >= 200 }.
   Writes the members of one model object (the caller opens and closes it). */
static hln_result hln_cm__model(hln_cm__p *p, uint64_t at, uint64_t len, uint32_t depth, hln_cm__stats *s, int top) {
    hln_pb sub = hln_cm__reader(p, at, at + len);
    hln_pb_field f;
    hln_result r;
    uint64_t spec = 0, desc_at = 0, desc_len = 0, type_at = 0, type_len = 0, first_unknown = 0, unknown_at = 0;
    uint32_t type_field = 0;
    int updatable = 0, has_desc = 0;
    const char *type = NULL;
    int build = p->build_ir;
    while ((r = hln_pb_next(&sub, &f, p->err)) == HLN_OK && f.number) {
        const char *t;
        if (f.number == 1) {
            if ((r = hln_cm__want(p, &f, HLN_PB_VARINT, "Model.specificationVersion")) != HLN_OK) return r;
            spec = f.value;
        } else if (f.number == 2) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, "Model.description")) != HLN_OK) return r;
            desc_at = f.data_offset;
            desc_len = f.len;
            has_desc = 1;
        } else if (f.number == 10) {
            if ((r = hln_cm__want(p, &f, HLN_PB_VARINT, "Model.isUpdatable")) != HLN_OK) return r;
            updatable = f.value != 0;
        } else if ((t = HLN_CM__LOOKUP(hln_cm__model_types, f.number)) != NULL) {
            if ((r = hln_cm__want(p, &f, HLN_PB_LEN, t)) != HLN_OK) return r;
            type = t;
            type_field = f.number;
            type_at = f.data_offset;
            type_len = f.len;
        } else if (!first_unknown) { first_unknown = f.number; unknown_at = f.offset; }
    }
    if (r != HLN_OK) return r;
    if (!type) {
        if (first_unknown)
            return hln_error_set(p->err, HLN_ERR_TYPE, unknown_at, "Model", "no model type this schema knows (unknown field %llu)",
                                 (unsigned long long)first_unknown);
        return hln_error_set(p->err, HLN_ERR_TYPE, at, "Model", len ? "no model type (no Type field is set)" : "empty file: no model type");
    }
    if (spec > INT32_MAX) return hln_error_set(p->err, HLN_ERR_RANGE, at, "Model.specificationVersion", "specificationVersion %llu is out of range", (unsigned long long)spec);
    hln_cm__jb_ku(p, "specification_version", spec);
    hln_cm__jb_kstr(p, "model_type", type, strlen(type));
    if (updatable) hln_cm__jb_kb(p, "is_updatable", 1);
    if (top && p->build_ir) {
        char buf[24];
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)spec);
        if ((r = hln_cm__kv_str(p, "coreml.model_type", type)) != HLN_OK) return r;
        if ((r = hln_cm__kv_str(p, "coreml.specification_version", hln_arena_strndup(&p->m->arena, buf, strlen(buf)))) != HLN_OK) return r;
        p->m->version = (uint32_t)spec;
    }
    /* graph inputs and outputs: the top model's description (a pipeline's sub-models connect by name) */
    p->nn_image_rank4 = type_field == 500 || type_field == 403 || type_field == 303;
    if (!top) p->build_ir = 0;
    if (has_desc) r = hln_cm__description(p, desc_at, desc_len, top);
    else { hln_cm__jb_open(p, "description", '{'); hln_cm__jb_close(p, '}'); }
    p->build_ir = build;
    if (r != HLN_OK) return r;
    {
        hln_pb tr = hln_cm__reader(p, type_at, type_at + type_len);
        switch (type_field) {
        case 500: case 403: case 303: r = hln_cm__neural_network(p, type_at, type_len, type_field == 403, s, depth, 1); break;
        case 502: r = hln_cm__program(p, type_at, type_len); break;
        case 202: r = hln_cm__pipeline(p, tr, depth, s); break;
        case 200: case 201: {   /* PipelineClassifier / PipelineRegressor { pipeline = 1 } */
            hln_pb_field g;
            while ((r = hln_pb_next(&tr, &g, p->err)) == HLN_OK && g.number)
                if (g.number == 1) {
                    if ((r = hln_cm__want(p, &g, HLN_PB_LEN, type)) != HLN_OK) break;
                    if ((r = hln_cm__pipeline(p, hln_pb_sub(&tr, &g), depth, s)) != HLN_OK) break;
                }
            break;
        }
        case 610: r = hln_cm__nms(p, tr); if (r == HLN_OK && p->build_ir) r = hln_cm__model_node(p, type, desc_at, desc_len); break;
        case 302: case 402: r = hln_cm__tree_ensemble(p, tr); if (r == HLN_OK && p->build_ir) r = hln_cm__model_node(p, type, desc_at, desc_len); break;
        case 604: r = hln_cm__scaler(p, tr); if (r == HLN_OK && p->build_ir) r = hln_cm__model_node(p, type, desc_at, desc_len); break;
        default: if (p->build_ir) r = hln_cm__model_node(p, type, desc_at, desc_len); break;
        }
        if (r != HLN_OK) return r;
    }
    hln_cm__stats_write(p, s);
    return HLN_OK;
}

/* ---- entry points ---------------------------------------------------------------------------- */
/* A description's fields are ModelDescription fields, all length-delimited. */
static int hln_cm__looks_like_description(const uint8_t *data, uint64_t at, uint64_t len) {
    hln_pb r;
    hln_pb_field f;
    hln_result res;
    r.data = data;
    r.pos = at;
    r.end = at + len;
    while ((res = hln_pb_next(&r, &f, NULL)) == HLN_OK && f.number)
        if (f.wire_type != HLN_PB_LEN || !(f.number == 1 || f.number == 10 || f.number == 11 || f.number == 12 ||
                                           f.number == 13 || f.number == 20 || f.number == 21 || f.number == 50 ||
                                           f.number == 100)) return 0;
    return res == HLN_OK;
}

HLN_DEF int hln_coreml_detect(const void *data, uint64_t size) {
    hln_pb r;
    hln_pb_field f;
    hln_result res;
    int spec = 0, desc = 0, type = 0;
    r.data = (const uint8_t *)data;
    r.pos = 0;
    r.end = size;
    if (!data || size < 4) return 0;
    while ((res = hln_pb_next(&r, &f, NULL)) == HLN_OK && f.number) {   /* top-level fields of Model only */
        if (f.number == 1) { if (f.wire_type != HLN_PB_VARINT || f.value == 0 || f.value > 100) return 0; spec = 1; }
        else if (f.number == 2) {
            if (f.wire_type != HLN_PB_LEN || !hln_cm__looks_like_description(r.data, f.data_offset, f.len)) return 0;
            desc = 1;
        } else if (f.number == 10) { if (f.wire_type != HLN_PB_VARINT) return 0; }
        else if (HLN_CM__LOOKUP(hln_cm__model_types, f.number) && f.wire_type == HLN_PB_LEN) type = 1;
        else return 0;
    }
    /* a file cut short inside its model type still reads as Core ML (and fails with its reason) */
    return spec && (type || (desc && res != HLN_OK));
}

/* Moves the graph under construction into the model. */
static hln_result hln_cm__finish_graph(hln_cm__p *p) {
    hln_model *m = p->m;
    hln_graph *g;
    uint32_t i;
    m->tensors = p->tensors;
    m->n_tensors = p->n_tensors;
    if (!p->n_nodes && !p->n_values) return HLN_OK;
    g = (hln_graph *)hln_arena_alloc(&m->arena, sizeof *g);
    if (!g) return hln_cm__nomem(p, 0);
    g->name = "main";
    g->domain = "";
    g->nodes = p->nodes;
    g->n_nodes = p->n_nodes;
    g->values = p->values;
    g->n_values = p->n_values;
    g->inputs = p->g_inputs;
    g->n_inputs = p->n_g_inputs;
    g->outputs = p->g_outputs;
    g->n_outputs = p->n_g_outputs;
    g->initializers = (int32_t *)hln_arena_array(&m->arena, p->n_tensors ? p->n_tensors : 1, sizeof(int32_t));
    if (!g->initializers) return hln_cm__nomem(p, 0);
    for (i = 0; i < p->n_values; i++)
        if (p->values[i].tensor >= 0) g->initializers[g->n_initializers++] = p->values[i].tensor;
    if (!g->inputs) { g->inputs = g->initializers; g->n_inputs = 0; }
    if (!g->outputs) { g->outputs = g->initializers; g->n_outputs = 0; }
    m->graph = g;
    return HLN_OK;
}

/* Reads the model in p->data, then the container's facts: a package's files are all known
   only after the model (its blob files) was read. */
#ifndef HLN_NO_STDIO
static void hln_cm__package_facts(hln_cm__p *p);
#endif
static hln_result hln_cm__run_facts(hln_cm__p *p);
/* The whole parse; the name sets and (on failure) the facts buffer freed on every path. */
static hln_result hln_cm__run(hln_cm__p *p) {
    hln_result r = hln_cm__run_facts(p);
    if (r != HLN_OK) hln_jw_free(&p->jb);
    hln_strmap_free(&p->g_io_names[0]);
    hln_strmap_free(&p->g_io_names[1]);
    return r;
}
static hln_result hln_cm__run_facts(hln_cm__p *p) {
    hln_cm__stats *s = (hln_cm__stats *)hln_arena_alloc(&p->m->arena, sizeof *s);
    hln_result r;
    uint64_t file_bytes = p->size;
    if (!s) return hln_cm__nomem(p, 0);
    p->build_ir = 1;
    p->jb.alloc = p->m->arena.allocator;
    hln_cm__jb_open(p, NULL, '{');
    if ((r = hln_cm__model(p, 0, p->size, 0, s, 1)) != HLN_OK) return r;
#ifndef HLN_NO_STDIO
    if (p->package) {
        uint32_t i;
        hln_cm__package_facts(p);
        for (file_bytes = 0, i = 0; i < p->m->n_files; i++) file_bytes += p->m->files[i].size;
    } else
#endif
        hln_cm__jb_kstr(p, "container", "mlmodel", 7);
    hln_cm__jb_ku(p, "file_bytes", file_bytes);
    hln_cm__jb_close(p, '}');
    if ((r = hln_jw_finish(&p->jb, p->m, p->err)) != HLN_OK) return r;
    return hln_cm__finish_graph(p);
}

static hln_result hln_cm__begin(const hln_coreml_options *opts, hln_cm__p *p, hln_model **out, hln_error *err) {
    hln_allocator a;
    memset(&a, 0, sizeof a);
    if (opts) a = opts->allocator;
    memset(p, 0, sizeof *p);
    p->err = err;
    if (hln_model_create(&a, &p->m) != HLN_OK) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    p->m->format = HLN_FORMAT_COREML;
    *out = NULL;
    return HLN_OK;
}

HLN_DEF hln_result hln_coreml_parse(const hln_coreml_options *opts, const void *data, uint64_t size,
                                    hln_model **out, hln_error *err) {
    hln_cm__p p;
    hln_result r;
    if (!out || (!data && size)) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no output or no data");
    if ((r = hln_cm__begin(opts, &p, out, err)) != HLN_OK) return r;
    p.data = data ? (const uint8_t *)data : (const uint8_t *)"";
    p.size = size;
    {
        hln_file *files = (hln_file *)hln_arena_alloc(&p.m->arena, sizeof *files);
        if (!files) { hln_model_free(p.m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
        files[0].data = p.data;
        files[0].size = size;
        files[0].header_bytes = size;
        p.m->files = files;
        p.m->n_files = 1;
    }
    r = hln_cm__run(&p);
    if (r != HLN_OK) { hln_model_free(p.m); return r; }
    *out = p.m;
    return HLN_OK;
}

#ifndef HLN_NO_STDIO
/* ---- packages ---------------------------------------------------------------------------------- */
/* A path from a manifest or a program is relative, has no empty, '.' or '..' component and no
   backslash or drive letter. Returns why not, or NULL. */
static const char *hln_cm__unsafe_path(const char *s) {
    const char *c = s;
    if (!*s) return "is empty";
    if (s[0] == '/' || strchr(s, '\\') || (s[0] && s[1] == ':')) return "is absolute";
    while (*c) {
        const char *e = c;
        while (*e && *e != '/') e++;
        if (e == c) return "has an empty component";
        if ((e - c == 1 && c[0] == '.') || (e - c == 2 && c[0] == '.' && c[1] == '.')) return "has a '.' or '..' component";
        c = *e ? e + 1 : e;
    }
    return NULL;
}

static char *hln_cm__join(hln_cm__p *p, const char *a, const char *b, const char *c) {
    size_t la = strlen(a), lb = b ? strlen(b) : 0, lc = c ? strlen(c) : 0;
    char *s = (char *)hln_arena_alloc(&p->m->arena, la + lb + lc + 3);
    if (!s) return NULL;
    memcpy(s, a, la);
    if (b) { s[la++] = '/'; memcpy(s + la, b, lb); la += lb; }
    if (c) { s[la++] = '/'; memcpy(s + la, c, lc); la += lc; }
    s[la] = 0;
    return s;
}

/* Opens rel (checked) inside the package into a new model file; the platform's file access
   also checks that the real path (symbolic links resolved) stays inside the package. */
static hln_result hln_cm__open_in_package(hln_cm__p *p, const char *rel, uint64_t at, const char *what, uint32_t *index) {
    const char *why = hln_cm__unsafe_path(rel);
    char *full;
    hln_mapped map;
    hln_error ferr;
    hln_result r;
    if (why) return hln_error_set(p->err, HLN_ERR_PATH, at, what, "path '%.120s' %s: it may not leave the package", rel, why);
    if (!(full = hln_cm__join(p, p->pkg_dir, rel, NULL))) return hln_cm__nomem(p, at);
#ifdef HLN_CM__POSIX
    if (!p->io || !p->io->open) {
        char *rdir = realpath(p->pkg_dir, NULL), *rfile = rdir ? realpath(full, NULL) : NULL;
        size_t n = rdir ? strlen(rdir) : 0;
        int inside = rfile && strncmp(rfile, rdir, n) == 0 && (rfile[n] == '/' || (n == 1 && rdir[0] == '/'));
        free(rdir);
        free(rfile);
        if (!inside && rfile)
            return hln_error_set(p->err, HLN_ERR_PATH, at, what, "path '%.120s' resolves (through a symbolic link) outside the package", rel);
    }
#endif
    memset(&ferr, 0, sizeof ferr);
    if (hln_file_open(p->io, full, &map, &ferr) != HLN_OK)
        return hln_error_set(p->err, HLN_ERR_IO, at, what, "cannot open '%.120s' in the package: %s", rel, ferr.message);
    if ((r = hln_model_add_mapped_file(p->m, rel, &map, p->io, index)) != HLN_OK) {
        hln_file_close(p->io, &map);
        return hln_cm__nomem(p, at);
    }
    return HLN_OK;
}

static hln_result hln_cm__open_blob(hln_cm__p *p, const char *ref, uint64_t at, hln_cm__blob **out) {
    uint32_t i;
    hln_cm__blob *b;
    hln_result r;
    const char *slash;
    char *rel;
    for (i = 0; i < p->n_blobs; i++) if (strcmp(p->blobs[i].ref, ref) == 0) { *out = &p->blobs[i]; return HLN_OK; }
    if (p->n_blobs == HLN_COREML_MAX_BLOBS)
        return hln_error_set(p->err, HLN_ERR_LIMIT, at, ref, "more than HLN_COREML_MAX_BLOBS (%d) blob files", HLN_COREML_MAX_BLOBS);
    if (strncmp(ref, "@model_path/", 12) != 0)
        return hln_error_set(p->err, HLN_ERR_PATH, at, ref, "blob file name does not start with '@model_path/'");
    slash = strrchr(p->model_rel, '/');
    {   /* <the model's folder>/<the rest> */
        size_t dl = slash ? (size_t)(slash - p->model_rel) : 0;
        char *dir = hln_arena_strndup(&p->m->arena, p->model_rel, dl);
        if (!dir) return hln_cm__nomem(p, at);
        if (hln_cm__unsafe_path(ref + 12))
            return hln_error_set(p->err, HLN_ERR_PATH, at, ref, "blob path '%.120s' %s: it may not leave the package", ref + 12,
                                 hln_cm__unsafe_path(ref + 12));
        rel = hln_cm__join(p, dir, ref + 12, NULL);   /* model_rel starts with "Data/" */
        if (!rel) return hln_cm__nomem(p, at);
    }
    b = &p->blobs[p->n_blobs];
    memset(b, 0, sizeof *b);
    if ((r = hln_cm__open_in_package(p, rel, at, ref, &b->file)) != HLN_OK) return r;
    b->ref = ref;
    b->rel = rel;
    b->data = p->m->files[b->file].data;
    b->size = p->m->files[b->file].size;
    if (b->size < 64) {
        hln_error_file(p->err, hln_cm__join(p, p->pkg_dir, rel, NULL));
        return hln_error_set(p->err, HLN_ERR_TRUNCATED, 0, "storage_header", "weight file of %llu bytes has no 64-byte storage header",
                             (unsigned long long)b->size);
    }
    b->count = (uint32_t)hln__load_uint(b->data, 4, 0);
    b->version = (uint32_t)hln__load_uint(b->data + 4, 4, 0);
    if (b->version != 2) {
        hln_error_file(p->err, hln_cm__join(p, p->pkg_dir, rel, NULL));
        return hln_error_set(p->err, HLN_ERR_VERSION, 4, "storage_header", "weight file version %u (only 2 is defined)", (unsigned)b->version);
    }
    p->n_blobs++;
    *out = b;
    return HLN_OK;
}

typedef struct hln_cm__item { const char *id, *name, *path, *author, *description; } hln_cm__item;
typedef struct hln_cm__manifest {
    const char   *version, *root_id;
    hln_cm__item *items;
    uint32_t      n_items;
    uint32_t      manifest_file;
} hln_cm__manifest;

/* A string member of object obj (NULL when absent; an error when not a string). */
static hln_result hln_cm__json_member(hln_cm__p *p, hln_json *j, uint32_t obj, const char *key, const char **out) {
    uint32_t v = hln_json_find(j, obj, key);
    hln_str s;
    hln_result r;
    *out = NULL;
    if (!v) return HLN_OK;
    if (j->tok[v].type != HLN_JSON_STRING)
        return hln_error_set(p->err, HLN_ERR_TYPE, j->tok[v].start, key, "'%s' is %s, not a string", key, hln_json_kind(j, v));
    if ((r = hln_json_str(j, v, &p->m->arena, &s, key)) != HLN_OK) return r;
    *out = s.ptr;
    return HLN_OK;
}

/* Manifest.json: fileFormatVersion, itemInfoEntries {id: {author, description, name, path}},
   rootModelIdentifier (specs/coreml/modelpackage/ModelPackage.cpp). */
static hln_result hln_cm__manifest_read(hln_cm__p *p, const uint8_t *text, uint64_t size, hln_cm__manifest *mf) {
    hln_json j;
    hln_result r;
    uint32_t entries, k, c;
    hln_strmap ids;
    memset(&ids, 0, sizeof ids);
    if (size > HLN_COREML_MAX_MANIFEST)
        return hln_error_set(p->err, HLN_ERR_LIMIT, 0, "Manifest.json", "manifest of %llu bytes is larger than HLN_COREML_MAX_MANIFEST",
                             (unsigned long long)size);
    if (!hln_utf8_valid(text, size))
        return hln_error_set(p->err, HLN_ERR_UTF8, 0, "Manifest.json", "manifest is not valid UTF-8");
    if ((r = hln_json_parse(&j, &p->m->arena.allocator, (const char *)text, size, HLN_COREML_MAX_MANIFEST, 0, "Manifest.json", p->err)) != HLN_OK) return r;
    if (j.tok[0].type != HLN_JSON_OBJECT) { r = hln_error_set(p->err, HLN_ERR_SYNTAX, 0, "Manifest.json", "manifest is not a JSON object"); goto done; }
    if ((r = hln_cm__json_member(p, &j, 0, "fileFormatVersion", &mf->version)) != HLN_OK) goto done;
    if ((r = hln_cm__json_member(p, &j, 0, "rootModelIdentifier", &mf->root_id)) != HLN_OK) goto done;
    if (!mf->root_id) { r = hln_error_set(p->err, HLN_ERR_SYNTAX, 0, "Manifest.json", "manifest has no rootModelIdentifier"); goto done; }
    entries = hln_json_find(&j, 0, "itemInfoEntries");
    if (!entries || j.tok[entries].type != HLN_JSON_OBJECT) {
        r = hln_error_set(p->err, HLN_ERR_SYNTAX, 0, "Manifest.json", "manifest has no itemInfoEntries object");
        goto done;
    }
    mf->items = (hln_cm__item *)hln_arena_array(&p->m->arena, j.tok[entries].size ? j.tok[entries].size : 1, sizeof *mf->items);
    if (!mf->items) { r = hln_cm__nomem(p, 0); goto done; }
    for (k = 0, c = entries + 1; k < j.tok[entries].size; k++, c = j.tok[c + 1].next) {
        hln_cm__item *it = &mf->items[mf->n_items];
        hln_str id;
        int added;
        if ((r = hln_json_str(&j, c, &p->m->arena, &id, "itemInfoEntries")) != HLN_OK) goto done;
        if ((added = hln_cm__names_add(p, &ids, id.ptr)) <= 0) {
            r = added < 0 ? hln_cm__nomem(p, j.tok[c].start)
                          : hln_error_set(p->err, HLN_ERR_DUPLICATE, j.tok[c].start, "itemInfoEntries", "item '%.80s' appears twice", id.ptr);
            goto done;
        }
        if (j.tok[c + 1].type != HLN_JSON_OBJECT) {
            r = hln_error_set(p->err, HLN_ERR_TYPE, j.tok[c + 1].start, "itemInfoEntries", "item '%.80s' is %s, not an object",
                              id.ptr, hln_json_kind(&j, c + 1));
            goto done;
        }
        it->id = id.ptr;
        if ((r = hln_cm__json_member(p, &j, c + 1, "name", &it->name)) != HLN_OK ||
            (r = hln_cm__json_member(p, &j, c + 1, "path", &it->path)) != HLN_OK ||
            (r = hln_cm__json_member(p, &j, c + 1, "author", &it->author)) != HLN_OK ||
            (r = hln_cm__json_member(p, &j, c + 1, "description", &it->description)) != HLN_OK) goto done;
        if (!it->path) {
            r = hln_error_set(p->err, HLN_ERR_SYNTAX, j.tok[c + 1].start, "itemInfoEntries", "item '%.80s' has no path", id.ptr);
            goto done;
        }
        if (hln_cm__unsafe_path(it->path)) {
            r = hln_error_set(p->err, HLN_ERR_PATH, j.tok[c + 1].start, "itemInfoEntries",
                              "item path '%.120s' %s: it may not leave the package", it->path, hln_cm__unsafe_path(it->path));
            goto done;
        }
        mf->n_items++;
    }
done:
    hln_strmap_free(&ids);
    hln_json_free(&j);
    return r;
}

static int hln_cm__item_cmp(const void *a, const void *b) {
    return strcmp(((const hln_cm__item *)a)->path, ((const hln_cm__item *)b)->path);
}
static int hln_cm__file_cmp(const void *a, const void *b) {
    return strcmp(((const hln_file *)a)->path, ((const hln_file *)b)->path);
}

/* The package's facts: "container", "package" {...}; file_bytes counts every file read. */
static void hln_cm__package_facts(hln_cm__p *p) {
    hln_cm__manifest *mf = p->mf;
    hln_file *sorted = (hln_file *)hln_arena_array(&p->m->arena, p->m->n_files, sizeof *sorted);
    uint32_t i;
    hln_cm__jb_kstr(p, "container", "mlpackage", 9);
    hln_cm__jb_open(p, "package", '{');
    if (mf->version) hln_cm__jb_kstr(p, "file_format_version", mf->version, strlen(mf->version));
    hln_cm__jb_kstr(p, "root_model_identifier", mf->root_id, strlen(mf->root_id));
    hln_cm__jb_kname(p, "root_model_path", p->model_rel + 5, strlen(p->model_rel + 5));   /* past "Data/" */
    qsort(mf->items, mf->n_items, sizeof *mf->items, hln_cm__item_cmp);
    hln_cm__jb_open(p, "items", '[');
    for (i = 0; i < mf->n_items; i++) {
        const hln_cm__item *it = &mf->items[i];
        hln_cm__jb_open(p, NULL, '{');
        if (it->name) hln_cm__jb_kname(p, "name", it->name, strlen(it->name));
        hln_cm__jb_kname(p, "path", it->path, strlen(it->path));
        if (it->author) hln_cm__jb_kstr(p, "author", it->author, strlen(it->author));
        if (it->description) hln_cm__jb_kname(p, "description", it->description, strlen(it->description));
        hln_cm__jb_close(p, '}');
    }
    hln_cm__jb_close(p, ']');
    hln_cm__jb_open(p, "files", '{');
    if (!sorted) p->jb.failed = 1;
    else {
        memcpy(sorted, p->m->files, p->m->n_files * sizeof *sorted);
        qsort(sorted, p->m->n_files, sizeof *sorted, hln_cm__file_cmp);
        for (i = 0; i < p->m->n_files; i++) { hln_jw_name_keyn(&p->jb, sorted[i].path, strlen(sorted[i].path)); hln_jw_u64(&p->jb, sorted[i].size); }
    }
    hln_cm__jb_close(p, '}');
    hln_cm__jb_open(p, "weight_files", '[');
    for (i = 0; i < p->n_blobs; i++) {
        hln_cm__jb_open(p, NULL, '{');
        hln_cm__jb_kname(p, "path", p->blobs[i].rel, strlen(p->blobs[i].rel));
        hln_cm__jb_ku(p, "bytes", p->blobs[i].size);
        hln_cm__jb_ku(p, "header_count", p->blobs[i].count);
        hln_cm__jb_ku(p, "header_version", p->blobs[i].version);
        hln_cm__jb_close(p, '}');
    }
    hln_cm__jb_close(p, ']');
    hln_cm__jb_close(p, '}');
}

static hln_result hln_cm__load_package(hln_cm__p *p, const char *dir, hln_mapped *manifest) {
    hln_cm__manifest *mf = (hln_cm__manifest *)hln_arena_alloc(&p->m->arena, sizeof *mf);
    const hln_cm__item *root = NULL;
    uint32_t i, index;
    hln_result r;
    char *rel;
    if (!mf) { hln_file_close(p->io, manifest); return hln_cm__nomem(p, 0); }
    if ((r = hln_model_add_mapped_file(p->m, "Manifest.json", manifest, p->io, &mf->manifest_file)) != HLN_OK) {
        hln_file_close(p->io, manifest);
        return hln_cm__nomem(p, 0);
    }
    p->mf = mf;
    p->package = 1;
    p->pkg_dir = dir;
    hln_error_file(p->err, hln_cm__join(p, dir, "Manifest.json", NULL));
    if ((r = hln_cm__manifest_read(p, p->m->files[mf->manifest_file].data, p->m->files[mf->manifest_file].size, mf)) != HLN_OK)
        return r;
    for (i = 0; i < mf->n_items; i++) if (strcmp(mf->items[i].id, mf->root_id) == 0) root = &mf->items[i];
    if (!root) return hln_error_set(p->err, HLN_ERR_SYNTAX, 0, "rootModelIdentifier", "no item has the root model's identifier '%.80s'", mf->root_id);
    if (!(rel = hln_cm__join(p, "Data", root->path, NULL))) return hln_cm__nomem(p, 0);
    p->model_rel = rel;
    if ((r = hln_cm__open_in_package(p, rel, 0, "rootModelIdentifier", &index)) != HLN_OK) return r;
    hln_error_file(p->err, hln_cm__join(p, dir, rel, NULL));
    p->file = index;
    p->data = p->m->files[index].data;
    p->size = p->m->files[index].size;
    p->m->files[index].header_bytes = p->size;
    return HLN_OK;
}

HLN_DEF hln_result hln_coreml_load_file(const hln_coreml_options *opts, const char *path,
                                        hln_model **out, hln_error *err) {
    hln_cm__p p;
    hln_result r;
    hln_mapped map;
    char *manifest;
    hln_error quiet;
    if (!path || !out) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no path or no output");
    if ((r = hln_cm__begin(opts, &p, out, err)) != HLN_OK) return r;
    p.io = opts && opts->io.open ? &opts->io : NULL;
    hln_error_file(err, path);
    manifest = hln_cm__join(&p, path, "Manifest.json", NULL);
    if (!manifest) { hln_model_free(p.m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    memset(&quiet, 0, sizeof quiet);
    if (hln_file_open(p.io, manifest, &map, &quiet) == HLN_OK) {   /* a package folder */
        char *dir = hln_arena_strndup(&p.m->arena, path, strlen(path));
        if (!dir) { hln_file_close(p.io, &map); hln_model_free(p.m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
        r = hln_cm__load_package(&p, dir, &map);
        if (r == HLN_OK) r = hln_cm__run(&p);
    } else {
        uint32_t index;
        if ((r = hln_model_map_file(p.m, p.io, path, &index, err)) == HLN_OK) {
            p.file = index;
            p.data = p.m->files[index].data;
            p.size = p.m->files[index].size;
            p.m->files[index].header_bytes = p.size;
            r = hln_cm__run(&p);
        }
    }
    if (r != HLN_OK) { hln_model_free(p.m); return r; }
    *out = p.m;
    return HLN_OK;
}
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_COREML_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  first release: .mlmodel and .mlpackage (manifest, MIL blob files), neural networks,
            ML programs, pipelines, classic types as metadata; ops mapped onto ONNX names.

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
