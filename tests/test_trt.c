/* tests/test_trt.c - haoline_trt.h: TensorRT engine JSON exports (graph, profile, timing,
   metadata) into the IR and facts; what must be refused; costs from Weights/OutMaps. */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_trt.h"
#include "test.h"

/* A conv (Half weights 64 x 3 x 3 x 3, 64 bias, fused with its ReLU and named after both ONNX
   nodes) and a NoOp, in the detailed form. */
static const char *graph_json =
    "{\"Layers\": [{\"Name\": \"Conv_0 + Relu_1\", \"LayerType\": \"CaskConvolution\", \"ParameterType\": \"Convolution\",\n"
    "  \"Inputs\": [{\"Name\": \"in\", \"Location\": \"Device\", \"Dimensions\": [1,3,10,10], \"Format/Datatype\": \"Row major linear FP32\"}],\n"
    "  \"Outputs\": [{\"Name\": \"y\", \"Location\": \"Device\", \"Dimensions\": [1,64,8,8], \"Format/Datatype\": \"Channel major FP16 format where channel %% 8 == 0\"}],\n"
    "  \"OutMaps\": 64, \"Groups\": 1, \"Weights\": {\"Type\": \"Half\", \"Count\": 1728}, \"Bias\": {\"Type\": \"Half\", \"Count\": 64},\n"
    "  \"TacticName\": \"k1\", \"Metadata\": \"[ONNX Layer: /c/Conv]\\u001f[ONNX Layer: /r/Relu]\"%s},\n"
    " {\"Name\": \"y copy\", \"LayerType\": \"NoOp\", \"Inputs\": [{\"Name\": \"y\", \"Dimensions\": [1,64,8,8], \"Format/Datatype\": \"Half\"}],\n"
    "  \"Outputs\": [{\"Name\": \"out\", \"Dimensions\": [1,64,8,8], \"Format/Datatype\": \"Half\"}]}],\n"
    " \"Bindings\": [\"in\", \"out\"]}";

static hln_result parse(const char *text, const char *beside, hln_model **m, hln_error *err) {
    hln_trt_options o;
    memset(&o, 0, sizeof o);
    memset(err, 0, sizeof *err);
    return hln_trt_parse(&o, text, strlen(text), beside, beside ? strlen(beside) : 0, beside ? "x.graph.json" : NULL, m, err);
}
static hln_result parse_graph(const char *extra, hln_model **m, hln_error *err) {
    static char buf[4096];
    snprintf(buf, sizeof buf, graph_json, extra);
    return parse(buf, NULL, m, err);
}

static void test_graph(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary gs;
    const hln_graph *g;
    T_CHECKF(parse_graph("", &m, &err) == HLN_OK, "%s", err.message);
    if (!m) return;
    T_CHECK(m->format == HLN_FORMAT_TENSORRT);
    g = m->graph;
    T_EQ_U64(g->n_nodes, 2);
    T_EQ_STR(g->nodes[0].op_type, "Convolution");
    T_EQ_STR(g->nodes[1].op_type, "NoOp");
    T_EQ_U64(g->n_inputs, 1);
    T_EQ_U64(g->n_outputs, 1);
    T_EQ_STR(g->values[g->inputs[0]].name, "in");
    T_EQ_STR(g->values[g->outputs[0]].name, "out");
    T_CHECK(g->values[g->inputs[0]].dtype == HLN_DTYPE_F32);
    T_CHECK(g->values[g->outputs[0]].dtype == HLN_DTYPE_F16);   /* TensorRT 10's short form */
    T_EQ_U64(m->n_tensors, 2);
    T_CHECK(m->tensors[0].dtype == HLN_DTYPE_F16 && m->tensors[0].n_elements == 1728 && m->tensors[0].n_bytes == 3456);
    T_CHECK(m->tensors[0].data == NULL);   /* counts only: the export has no values */
    T_CHECK(hln_graph_analyze(m, NULL, &gs, &err) == HLN_OK);
    T_EQ_U64(g->nodes[0].macs, 64 * 8 * 8 * 27);   /* output elements x Count / OutMaps */
    T_CHECK(strstr(m->format_facts, "\"precision\":{\"FP16\":1,\"FP32\":1}") != NULL);
    T_CHECK(strstr(m->format_facts, "\"onnx_origin_nodes\":2") != NULL);
    T_CHECK(strstr(m->format_facts, "\"fusions\":1") != NULL);
    T_CHECK(strstr(m->format_facts, "\"noop_layers\":1") != NULL);
    T_CHECK(strstr(m->format_facts, "\"weights_bytes_by_type\":{\"Half\":3584}") != NULL);
    T_CHECK(strstr(m->format_facts, "\"io\":\"input\"") && strstr(m->format_facts, "\"io\":\"output\""));
    hln_model_free(m);
}

static void test_profile_beside(void) {
    static const char *profile = "[{\"count\": 10}, {\"name\": \"Conv_0 + Relu_1\", \"timeMs\": 2.5, \"averageMs\": 0.25, \"medianMs\": 0.25, \"percentage\": 80},"
                                 " {\"name\": \"y copy\", \"timeMs\": 0, \"averageMs\": 0, \"medianMs\": 0, \"percentage\": 20},"
                                 " {\"name\": \"gone\", \"timeMs\": 0, \"averageMs\": 0.125, \"medianMs\": 0, \"percentage\": 0}]";
    char graph[4096];
    hln_model *m = NULL;
    hln_error err;
    snprintf(graph, sizeof graph, graph_json, "");
    T_CHECKF(parse(profile, graph, &m, &err) == HLN_OK, "%s", err.message);
    if (m) {
        T_CHECK(strstr(m->format_facts, "\"kind\":\"profile\"") && strstr(m->format_facts, "\"iterations\":10"));
        T_CHECK(strstr(m->format_facts, "\"total_average_ms\":0.375") != NULL);
        T_CHECK(strstr(m->format_facts, "\"profile_names_not_in_graph\":[\"gone\"]") != NULL);
        T_CHECK(strstr(m->format_facts, "\"graph_layers_not_in_profile\":0") != NULL);
        T_CHECK(strstr(m->format_facts, "\"slowest_layer\":{\"name\":\"Conv_0 + Relu_1\"") != NULL);
        hln_model_free(m);
    }
    /* the graph with its profile beside: time by layer type */
    T_CHECKF(parse(graph, profile, &m, &err) == HLN_OK, "%s", err.message);
    if (m) {
        T_CHECKF(strstr(m->format_facts, "\"time_by_layer_type\":{\"CaskConvolution\":0.25,\"NoOp\":0.0}") != NULL, "%s", m->format_facts);
        hln_model_free(m);
    }
}

static void test_other_kinds(void) {
    static const char *docs[][2] = {
        { "[{\"latencyMs\": 1.5, \"computeMs\": 1}, {\"latencyMs\": 0.5, \"computeMs\": 1}]", "\"latency_ms_median\":1.0" },
        { "[{\"Name\": \"GPU\", \"ComputeCapability\": [8, 0], \"TotalMemory\": 1}]", "\"device\":{\"Name\":\"GPU\",\"ComputeCapability\":[8, 0]" },
        { "{\"model_options\": {\"Format\": \"ONNX\"}, \"build_options\": {}}", "\"model_options\":{\"Format\": \"ONNX\"}" },
        { "{\"performance_summary\": {\"Throughput\": 12.5}, \"device_information\": {\"Selected Device\": \"X\"}}", "\"throughput\":12.5" },
        { "{\"Layers\": [\"a\", \"b [profile 1]\"], \"Bindings\": []}", "\"multi_profile_layers\":1" },
    };
    size_t k;
    for (k = 0; k < sizeof docs / sizeof docs[0]; k++) {
        hln_model *m = NULL;
        hln_error err;
        T_CHECKF(parse(docs[k][0], NULL, &m, &err) == HLN_OK, "%s: %s", docs[k][0], err.message);
        if (m) { T_CHECKF(strstr(m->format_facts, docs[k][1]) != NULL, "%s lacks %s", m->format_facts, docs[k][1]); hln_model_free(m); }
    }
}

static void test_refusals(void) {
    static const struct { const char *text; hln_result code; const char *needle; } bad[] = {
        { "", HLN_ERR_TRUNCATED, "empty" },
        { "[{\"count\": 1}, {\"name\": \"a\", \"averageMs\": NaN}]", HLN_ERR_SYNTAX, "'N'" },
        { "{\"Layers\": {}}", HLN_ERR_TYPE, "must be an array" },
        { "{\"Layers\": [], \"Layers\": []}", HLN_ERR_DUPLICATE, "duplicate key" },
        { "{\"Layers\": [{\"Name\": \"a\", \"Bias\": {\"Type\": \"Half\", \"Count\": 1, \"Count\": 2}}]}", HLN_ERR_DUPLICATE, "\"Count\"" },
        { "{\"Layers\": [{\"LayerType\": \"NoOp\"}]}", HLN_ERR_SYNTAX, "no Name" },
        { "{\"Layers\": [{\"Name\": \"a\", \"Weights\": {\"Type\": \"Half\", \"Count\": -1}}]}", HLN_ERR_RANGE, "negative" },
        { "{\"Layers\": [{\"Name\": \"a\", \"Outputs\": [{\"Name\": \"t\", \"Dimensions\": [18446744073709551617]}]}]}", HLN_ERR_RANGE, "dimension" },
        { "{\"Layers\": [{\"Name\": \"a\", \"Outputs\": [{\"Name\": \"t\", \"Dimensions\": [4294967296, 4294967296, 16]}]}]}", HLN_ERR_OVERFLOW, "overflows" },
        { "{\"count\": 3}", HLN_ERR_TYPE, "must be an array" },
        { "{\"hello\": 1}", HLN_ERR_MAGIC, "none of the TensorRT exports" },
        { "{\"Layers\": [\"a\", {\"Name\": \"b\"}]}", HLN_ERR_TYPE, "strings" },
    };
    size_t k;
    char deep[200];
    hln_model *m = NULL;
    hln_error err;
    static const unsigned char engine[64] = { 'f', 't', 'r', 't', 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0 };
    hln_trt_options o;
    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        hln_result r = parse(bad[k].text, NULL, &m, &err);
        T_CHECKF(r == bad[k].code && m == NULL, "%s: %s (%s)", bad[k].text, hln_result_string(r), err.message);
        T_CHECKF(strstr(err.message, bad[k].needle) != NULL, "%s: '%s' lacks '%s'", bad[k].text, err.message, bad[k].needle);
    }
    memset(deep, '[', sizeof deep);
    deep[sizeof deep - 1] = 0;
    T_CHECK(parse(deep, NULL, &m, &err) == HLN_ERR_LIMIT);
    T_CHECK(parse("{\"Layers\": [{\"Name\": \"\xff\xfe\"}]}", NULL, &m, &err) == HLN_ERR_UTF8);
    memset(&o, 0, sizeof o);
    T_CHECK(hln_trt_parse(&o, engine, sizeof engine, NULL, 0, NULL, &m, &err) == HLN_ERR_UNSUPPORTED);
    T_CHECKF(strstr(err.message, "out of scope") != NULL, "%s", err.message);
    T_CHECK(hln_trt_detect("[ {\"count\": 1}]", 15));
    T_CHECK(!hln_trt_detect("{\"__metadata__\": {}}", 20));
    T_CHECK(!hln_trt_detect("{\"metadata\": {\"count\": 2}, \"weight_map\": {}}", 44));   /* a SafeTensors index */
}

/* A graph from the corpus read from its file picks up the profile beside it. */
static void test_corpus_pair(void) {
    char path[1024];
    hln_trt_options o;
    hln_model *m = NULL;
    hln_error err;
    snprintf(path, sizeof path, "%s/tensorrt/trex/pytorch_resnet18_A100_fp16/resnet.onnx.engine.graph.json", t_corpus());
    memset(&o, 0, sizeof o);
    if (hln_trt_load_file(&o, path, &m, &err) != HLN_OK) { T_SKIP("corpus not found"); return; }
    T_CHECK(m->n_files == 2);
    T_CHECK(strstr(m->format_facts, "\"time_by_layer_type\":{") != NULL);
    T_CHECK(strstr(m->format_facts, "\"layers\":36") != NULL);
    hln_model_free(m);
}

int main(void) {
    T_RUN(test_graph);
    T_RUN(test_profile_beside);
    T_RUN(test_other_kinds);
    T_RUN(test_refusals);
    T_RUN(test_corpus_pair);
    return t_finish("test_trt");
}
