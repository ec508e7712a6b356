/* tests/test_trt.c - haoline_trt.h: TensorRT engine JSON exports (graph, profile, timing,
   metadata) into the IR and facts; what must be refused; costs from Weights/OutMaps. */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_onnx.h"
#include "../haoline_trt.h"
#include "../haoline_report.h"
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

/* The names a layer was built from ("origin_nodes"): Metadata's ONNX nodes, else its Name
   split at " + " with PWN(...) unwrapped and the profile suffix dropped; none when inserted. */
static const hln_attr *origin_of(const hln_node *n) {
    uint32_t k;
    for (k = 0; k < n->n_attrs; k++) if (strcmp(n->attrs[k].name, "origin_nodes") == 0) return &n->attrs[k];
    return NULL;
}
static int str_is(const hln_str *s, const char *lit) { return s->len == strlen(lit) && memcmp(s->ptr, lit, (size_t)s->len) == 0; }
static void test_origin_names(void) {
    static const char *doc =
        "{\"Layers\": [{\"Name\": \"w.weight + Q_1 + Conv_2 + PWN(PWN(Sigmoid_3), Mul_4) [profile 1]\", \"LayerType\": \"CaskConvolution\"},"
        " {\"Name\": \"Reformatting CopyNode for Input Tensor 0 to Conv_2\", \"LayerType\": \"Reformat\"},"
        " {\"Name\": \"QuantizeLinear_5\", \"LayerType\": \"Reformat\", \"Origin\": \"QDQ\"},"
        " {\"Name\": \"copy\", \"LayerType\": \"Reformat\", \"Origin\": \"REFORMAT\"},"
        " {\"Name\": \"Conv_0 + Relu_1\", \"Metadata\": \"[ONNX Layer: /a/Conv]\\u001e[ONNX Layer: /b [x]/Relu]\"}]}";
    hln_model *m = NULL;
    hln_error err;
    const hln_attr *a;
    T_CHECKF(parse(doc, NULL, &m, &err) == HLN_OK, "%s", err.message);
    if (!m) return;
    a = origin_of(&m->graph->nodes[0]);
    T_CHECK(a && a->type == HLN_ATTR_STRINGS && a->count == 5);
    if (a && a->count == 5)
        T_CHECK(str_is(&a->strings[0], "w.weight") && str_is(&a->strings[1], "Q_1") && str_is(&a->strings[2], "Conv_2") &&
                str_is(&a->strings[3], "Sigmoid_3") && str_is(&a->strings[4], "Mul_4"));
    a = origin_of(&m->graph->nodes[1]);
    T_CHECK(a && a->count == 0);   /* inserted: named after the layer it feeds, built from nothing */
    a = origin_of(&m->graph->nodes[2]);
    T_CHECK(a && a->count == 1 && str_is(&a->strings[0], "QuantizeLinear_5"));   /* a Q node of the network */
    a = origin_of(&m->graph->nodes[3]);
    T_CHECK(a && a->count == 0);
    a = origin_of(&m->graph->nodes[4]);   /* Metadata wins over the Name */
    T_CHECK(a && a->count == 2 && str_is(&a->strings[0], "/a/Conv") && str_is(&a->strings[1], "/b [x]/Relu"));
    hln_model_free(m);
}

/* ONNX -> engine: torchvision ResNet-18 (the corpus ONNX, opset 13, constant-folded) against the
   trex fp16 A100 engine built from ResNet-18. torch < 1.13 named node i "<op>_<i>", the names
   the engine's layers fuse; the corpus file (torch 1.13) has scoped names, so the test gives its
   49 nodes the old names. Expected numbers, by hand from the engine's 36 layer names: 12
   "Reformatting CopyNode" layers (inserted), "reshape_after_Gemm_48" (a TensorRT name: unmatched),
   23 layers from ONNX nodes, 17 of them fused (42 nodes); every node but Flatten_47 lowered; the
   23 layers read FP16 where the ONNX nodes read float32. */
static hln_result load_pair(hln_model **onnx, hln_model **eng, hln_error *err) {
    char path[1024];
    hln_onnx_options oo;
    hln_trt_options to;
    hln_graph_summary gs;
    uint32_t i;
    hln_result r;
    memset(&oo, 0, sizeof oo);
    memset(&to, 0, sizeof to);
    *onnx = *eng = NULL;
    snprintf(path, sizeof path, "%s/onnx/generated/tv_resnet18.onnx", t_corpus());
    if ((r = hln_onnx_load_file(&oo, path, onnx, err)) != HLN_OK) return r;
    for (i = 0; i < (*onnx)->graph->n_nodes; i++) {
        hln_node *n = &(*onnx)->graph->nodes[i];
        char *name = (char *)hln_arena_alloc(&(*onnx)->arena, strlen(n->op_type) + 16);
        if (!name) return HLN_ERR_NOMEM;
        sprintf(name, "%s_%u", n->op_type, i);
        n->name = name;
    }
    if ((r = hln_graph_analyze(*onnx, NULL, &gs, err)) != HLN_OK) return r;
    snprintf(path, sizeof path, "%s/tensorrt/trex/pytorch_resnet18_A100_fp16/resnet.onnx.engine.graph.json", t_corpus());
    return hln_trt_load_file(&to, path, eng, err);
}
/* layers, source nodes, mapped, fused, fused nodes, inserted, unmatched, precision changed,
   nodes lowered, nodes removed, unresolved names */
static void expect_counts(const hln_lowering *L, const uint32_t want[11]) {
    const uint32_t got[11] = { L->n_layers, L->n_source_nodes, L->mapped, L->fused, L->fused_nodes, L->inserted, L->unmatched,
                               L->precision_changed, L->nodes_lowered, L->nodes_removed, L->unresolved_names };
    int k;
    for (k = 0; k < 11; k++) T_CHECKF(got[k] == want[k], "count %d: %u, want %u", k, got[k], want[k]);
}
static void check_resnet18_lowering(const hln_lowering *L, const hln_model *onnx, const hln_model *eng) {
    static const uint32_t want[11] = { 36, 49, 23, 17, 42, 12, 1, 23, 48, 1, 1 };
    uint32_t i, n_flatten = 0;
    expect_counts(L, want);
    for (i = 0; i < onnx->graph->n_nodes; i++) if (!L->uses[i]) { T_EQ_STR(onnx->graph->nodes[i].name, "Flatten_47"); n_flatten++; }
    T_EQ_U64(n_flatten, 1);
    /* layer 6, "Conv_5 + Add_6 + Relu_7": three nodes, float32 -> FP16 */
    T_EQ_STR(eng->graph->nodes[6].name, "Conv_5 + Add_6 + Relu_7");
    T_EQ_U64(L->layers[6].n_nodes, 3);
    if (L->layers[6].n_nodes == 3) {
        T_EQ_STR(onnx->graph->nodes[L->from[L->layers[6].first]].name, "Conv_5");
        T_EQ_STR(onnx->graph->nodes[L->from[L->layers[6].first + 2]].name, "Relu_7");
    }
    T_CHECK(L->layers[6].dtype_src == HLN_DTYPE_F32 && L->layers[6].dtype == HLN_DTYPE_F16 && L->layers[6].precision_changed);
    T_CHECK(L->layers[0].n_names == 0 && L->layers[0].n_nodes == 0);   /* Reformatting CopyNode ... */
}
static void test_lowering_resnet18(void) {
    hln_model *onnx = NULL, *eng = NULL;
    hln_error err;
    hln_diff d;
    hln_report_diff_input x;
    t_membuf b = { NULL, 0, 0 };
    memset(&err, 0, sizeof err);
    if (load_pair(&onnx, &eng, &err) != HLN_OK) { T_SKIP("corpus not found"); hln_model_free(onnx); hln_model_free(eng); return; }
    T_CHECKF(hln_model_diff(onnx, eng, &d, &err) == HLN_OK, "%s", err.message);
    T_CHECK(d.has_lowering && !d.lowering.engine_is_a);
    if (d.has_lowering) check_resnet18_lowering(&d.lowering, onnx, eng);
    x.a = onnx; x.b = eng; x.diff = &d; x.file_a = "resnet18.onnx"; x.file_b = "resnet.onnx.engine.graph.json";
    T_CHECK(hln_report_diff_json(&x, t_mem_write, &b) == HLN_OK && t_mem_write(&b, "", 1));
    if (b.p) {
        const char *j = (const char *)b.p;
        T_CHECKF(strstr(j, "\"lowering\": {\"engine\": \"b\", \"layers\": 36, \"source_nodes\": 49, \"mapped_layers\": 23, \"fused_layers\": 17, "
                           "\"fused_nodes\": 42, \"inserted_layers\": 12, \"unmatched_layers\": 1, \"precision_changed\": 23, \"nodes_lowered\": 48, "
                           "\"nodes_removed\": 1, \"unresolved_names\": 1,") != NULL, "%.400s", strstr(j, "\"lowering\"") ? strstr(j, "\"lowering\"") : j);
        T_CHECK(strstr(j, "{\"layer\": \"Conv_5 + Add_6 + Relu_7\", \"op\": \"Convolution\", \"status\": \"fused\", \"from\": [\"Conv_5\", \"Add_6\", \"Relu_7\"], "
                          "\"weights\": 0, \"unresolved\": 0, \"dtype\": [\"F32\", \"F16\"], \"precision_changed\": true}") != NULL);
        T_CHECK(strstr(j, "\"status\": \"unmatched\"") && strstr(j, "\"removed\": [\"Flatten_47\"]}"));
        T_CHECK(strstr(j, "Lowering: 36 layers of B from the 49 nodes of A") != NULL);
    }
    b.n = 0;
    T_CHECK(hln_report_diff_markdown(&x, t_mem_write, &b) == HLN_OK && t_mem_write(&b, "", 1));
    if (b.p) {
        const char *md = (const char *)b.p;
        T_CHECK(strstr(md, "## Lowering (A -> B)") != NULL);
        T_CHECK(strstr(md, "| 36 | 49 | 23 | 17 | 12 | 1 | 23 | 48 | 1 |") != NULL);
        T_CHECK(strstr(md, "| `Conv_5 + Add_6 + Relu_7` | Convolution | fused | `Conv_5`, `Add_6`, `Relu_7` | F32 -> F16 |") != NULL);
        T_CHECK(strstr(md, "removed or folded): `Flatten_47`.") != NULL);
    }
    free(b.p);
    hln_diff_free(&d);
    /* the engine first: the same mapping, the sides swapped */
    T_CHECKF(hln_model_diff(eng, onnx, &d, &err) == HLN_OK, "%s", err.message);
    T_CHECK(d.has_lowering && d.lowering.engine_is_a);
    if (d.has_lowering) check_resnet18_lowering(&d.lowering, onnx, eng);
    hln_diff_free(&d);
    /* two ONNX models: no lowering */
    T_CHECKF(hln_model_diff(onnx, onnx, &d, &err) == HLN_OK, "%s", err.message);
    T_CHECK(!d.has_lowering);
    hln_diff_free(&d);
    hln_model_free(onnx);
    hln_model_free(eng);
}

/* The corpus' TensorRT 10 style layer names its two ONNX nodes in Metadata, the names the
   corpus ResNet-18 has (torch 1.13): 1 layer from 2 nodes, the other 47 nodes removed; its
   precision is unknown ("N/A due to dynamic shapes"), so no precision change is claimed. */
static void test_lowering_metadata(void) {
    char path[1024];
    hln_onnx_options oo;
    hln_trt_options to;
    hln_model *onnx = NULL, *eng = NULL;
    hln_error err;
    hln_diff d;
    memset(&oo, 0, sizeof oo);
    memset(&to, 0, sizeof to);
    snprintf(path, sizeof path, "%s/onnx/generated/tv_resnet18.onnx", t_corpus());
    if (hln_onnx_load_file(&oo, path, &onnx, &err) != HLN_OK) { T_SKIP("corpus not found"); return; }
    snprintf(path, sizeof path, "%s/tensorrt/bad/dynamic_shapes_metadata.graph.json", t_corpus());
    T_CHECKF(hln_trt_load_file(&to, path, &eng, &err) == HLN_OK, "%s", err.message);
    if (eng && hln_model_diff(onnx, eng, &d, &err) == HLN_OK) {
        static const uint32_t want[11] = { 1, 49, 1, 1, 2, 0, 0, 0, 2, 47, 0 };
        const hln_lowering *L = &d.lowering;
        T_CHECK(d.has_lowering);
        expect_counts(L, want);
        if (L->layers[0].n_nodes == 2) {
            T_EQ_STR(onnx->graph->nodes[L->from[0]].name, "/conv1/Conv");
            T_EQ_STR(onnx->graph->nodes[L->from[1]].name, "/relu/Relu");
        }
        hln_diff_free(&d);
    } else T_CHECKF(0, "%s", err.message);
    hln_model_free(onnx);
    hln_model_free(eng);
}

int main(void) {
    T_RUN(test_origin_names);
    T_RUN(test_lowering_resnet18);
    T_RUN(test_lowering_metadata);
    T_RUN(test_graph);
    T_RUN(test_profile_beside);
    T_RUN(test_other_kinds);
    T_RUN(test_refusals);
    T_RUN(test_corpus_pair);
    return t_finish("test_trt");
}
