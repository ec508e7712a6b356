/* tests/test_openvino.c - haoline_openvino.h: the bounded XML reader, the graph checks, Const
   views of the .bin, bodies, costs from the declared shapes, and the files it opens. */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_openvino.h"
#include "test.h"

/* Parameter [1,3,8,8] -> Convolution (Const weights f32 [4,3,3,3] at offset 16) -> Result.
   %s: the weights' Const <data> attributes; %s: an extra element inside the net. */
static const char *conv_ir =
    "<?xml version=\"1.0\"?>\n"
    "<!-- a comment -->\n"
    "<net name=\"t&amp;n\" version=\"11\">\n"
    " <layers>\n"
    "  <layer id=\"0\" name=\"in&#65;\" type=\"Parameter\" version=\"opset1\">\n"
    "   <data shape=\"1,3,8,8\" element_type=\"f32\"/>\n"
    "   <output><port id=\"0\" precision=\"FP32\" names=\"x\"><dim>1</dim><dim>3</dim><dim>8</dim><dim>8</dim></port></output>\n"
    "  </layer>\n"
    "  <layer id=\"1\" name='w' type=\"Const\" version=\"opset1\">\n"
    "   <data %s/>\n"
    "   <output><port id=\"0\" precision=\"FP32\"><dim>4</dim><dim>3</dim><dim>3</dim><dim>3</dim></port></output>\n"
    "  </layer>\n"
    "  <layer id=\"5\" name=\"conv\" type=\"Convolution\" version=\"opset1\">\n"
    "   <data strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\" dilations=\"1,1\" auto_pad=\"explicit\"/>\n"
    "   <input><port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>3</dim><dim>8</dim><dim>8</dim></port>\n"
    "          <port id=\"1\" precision=\"FP32\"><dim>4</dim><dim>3</dim><dim>3</dim><dim>3</dim></port></input>\n"
    "   <output><port id=\"2\" precision=\"FP32\" names=\"y\"><dim>1</dim><dim>4</dim><dim>6</dim><dim>6</dim></port></output>\n"
    "  </layer>\n"
    "  <layer id=\"7\" name=\"out\" type=\"Result\" version=\"opset1\">\n"
    "   <input><port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>4</dim><dim>6</dim><dim>6</dim></port></input>\n"
    "  </layer>\n"
    " </layers>\n"
    " <edges>\n"
    "  <edge from-layer=\"0\" from-port=\"0\" to-layer=\"5\" to-port=\"0\"/>\n"
    "  <edge from-layer=\"1\" from-port=\"0\" to-layer=\"5\" to-port=\"1\"/>\n"
    "  <edge from-layer=\"5\" from-port=\"2\" to-layer=\"7\" to-port=\"0\"/>\n"
    "%s"
    " </edges>\n"
    " <rt_info><Runtime_version value=\"test\"/></rt_info>\n"
    "</net>\n";
#define GOOD_CONST "element_type=\"f32\" shape=\"4, 3, 3, 3\" offset=\"16\" size=\"432\""

static uint8_t bin[448];

static hln_result parse_ir(const char *xml, int with_bin, int graph_only, hln_model **m, hln_error *err) {
    hln_ov_options o;
    memset(&o, 0, sizeof o);
    o.graph_only = graph_only;
    memset(err, 0, sizeof *err);
    return hln_ov_parse(&o, xml, strlen(xml), with_bin ? bin : NULL, with_bin ? sizeof bin : 0, "t.bin", m, err);
}

static hln_result parse_conv(const char *const_attrs, const char *extra_edge, int with_bin, int graph_only, hln_model **m, hln_error *err) {
    static char xml[8192];
    snprintf(xml, sizeof xml, conv_ir, const_attrs, extra_edge);
    return parse_ir(xml, with_bin, graph_only, m, err);
}

static void test_conv_graph(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary gs;
    const hln_graph *g;
    T_CHECKF(parse_conv(GOOD_CONST, "", 1, 0, &m, &err) == HLN_OK, "%s", err.message);
    if (!m) return;
    T_CHECK(m->format == HLN_FORMAT_OPENVINO);
    T_EQ_STR(hln_format_name(m->format), "openvino-ir");
    T_EQ_U64(m->version, 11);
    T_EQ_U64(m->n_tensors, 1);
    T_EQ_STR(m->tensors[0].name, "w");
    T_CHECK(m->tensors[0].dtype == HLN_DTYPE_F32);
    T_EQ_U64(m->tensors[0].n_dims, 4);
    T_EQ_U64(m->tensors[0].n_elements, 108);
    T_EQ_U64(m->tensors[0].n_bytes, 432);
    T_CHECK(m->tensors[0].data == bin + 16);   /* a view of the .bin, never a copy */
    g = m->graph;
    T_EQ_STR(g->name, "t&n");
    T_EQ_U64(g->n_nodes, 1);
    T_EQ_U64(g->n_inputs, 1);
    T_EQ_U64(g->n_outputs, 1);
    T_EQ_STR(g->values[g->inputs[0]].name, "inA");   /* &#65; */
    T_EQ_STR(g->nodes[0].op_type, "Convolution");
    T_EQ_STR(g->nodes[0].domain, "openvino");
    T_EQ_U64(g->nodes[0].n_inputs, 2);
    T_CHECK(g->values[g->nodes[0].inputs[1]].tensor == 0);
    T_CHECK(g->outputs[0] == g->nodes[0].outputs[0]);
    T_EQ_I64(g->values[g->outputs[0]].shape.dims[3].value, 6);
    T_CHECK(hln_graph_analyze(m, NULL, &gs, &err) == HLN_OK);
    /* 1*4*6*6 outputs x 3*3*3 filter taps, from the declared shapes */
    T_EQ_U64(g->nodes[0].macs, 144 * 27);
    T_EQ_U64(g->macs, 144 * 27);
    T_CHECK(g->macs_exact);
    T_CHECK(m->format_facts && strstr(m->format_facts, "\"layers\":4") && strstr(m->format_facts, "\"net_rt_info\":[\"Runtime_version\"]"));
    T_CHECK(strstr(m->format_facts, "\"ops\":{\"Const\":1,\"Convolution\":1,\"Parameter\":1,\"Result\":1}") != NULL);
    T_CHECK(strstr(m->format_facts, "\"in_bounds\":true") != NULL);
    hln_model_free(m);
}

static void expect_fail(const char *what, hln_result got, hln_result want, const hln_error *err, const char *needle) {
    T_CHECKF(got == want, "%s: result %s, want %s (%s)", what, hln_result_string(got), hln_result_string(want), err->message);
    if (needle) T_CHECKF(strstr(err->message, needle) != NULL, "%s: message '%s' lacks '%s'", what, err->message, needle);
}

static void test_const_checks(void) {
    hln_model *m = NULL;
    hln_error err;
    expect_fail("negative offset", parse_conv("element_type=\"f32\" shape=\"4,3,3,3\" offset=\"-8\" size=\"432\"", "", 1, 0, &m, &err),
                HLN_ERR_RANGE, &err, "negative");
    expect_fail("size != shape", parse_conv("element_type=\"f32\" shape=\"4,3,3,3\" offset=\"0\" size=\"431\"", "", 1, 0, &m, &err),
                HLN_ERR_LAYOUT, &err, "432 bytes");
    expect_fail("outside the .bin", parse_conv("element_type=\"f32\" shape=\"4,3,3,3\" offset=\"17\" size=\"432\"", "", 1, 0, &m, &err),
                HLN_ERR_LAYOUT, &err, "outside the .bin");
    expect_fail("offset + size wraps", parse_conv("element_type=\"f32\" shape=\"4,3,3,3\" offset=\"18446744073709551200\" size=\"432\"", "", 1, 0, &m, &err),
                HLN_ERR_OVERFLOW, &err, "overflows");
    expect_fail("unknown element type", parse_conv("element_type=\"f33\" shape=\"4,3,3,3\" offset=\"0\" size=\"432\"", "", 1, 0, &m, &err),
                HLN_ERR_TYPE, &err, "f33");
    expect_fail("no .bin", parse_conv(GOOD_CONST, "", 0, 0, &m, &err), HLN_ERR_PATH, &err, NULL);
    /* u4: 108 elements packed two per byte = 54 bytes; nf4 the same; u1 eight per byte */
    T_CHECK(parse_conv("element_type=\"u4\" shape=\"4,3,3,3\" offset=\"0\" size=\"54\"", "", 1, 0, &m, &err) == HLN_OK);
    if (m) { T_CHECK(m->tensors[0].dtype == HLN_DTYPE_U4); hln_model_free(m); m = NULL; }
    T_CHECK(parse_conv("element_type=\"nf4\" shape=\"4,3,3,3\" offset=\"0\" size=\"54\"", "", 1, 0, &m, &err) == HLN_OK);
    if (m) { T_CHECK(m->tensors[0].dtype == HLN_DTYPE_NF4); hln_model_free(m); m = NULL; }
    T_CHECK(parse_conv("element_type=\"u1\" shape=\"4,3,3,3\" offset=\"0\" size=\"14\"", "", 1, 0, &m, &err) == HLN_OK);
    if (m) { T_CHECK(m->tensors[0].dtype == HLN_DTYPE_U1); hln_model_free(m); m = NULL; }
    T_CHECK(parse_conv("element_type=\"f8e4m3\" shape=\"4,3,3,3\" offset=\"0\" size=\"108\"", "", 1, 0, &m, &err) == HLN_OK);
    if (m) { T_CHECK(m->tensors[0].dtype == HLN_DTYPE_F8_E4M3); hln_model_free(m); m = NULL; }
    expect_fail("u4 size 55", parse_conv("element_type=\"u4\" shape=\"4,3,3,3\" offset=\"0\" size=\"55\"", "", 1, 0, &m, &err),
                HLN_ERR_LAYOUT, &err, NULL);
    /* graph_only: a missing .bin is no error; the tensor has no bytes and the facts say so */
    T_CHECK(parse_conv(GOOD_CONST, "", 0, 1, &m, &err) == HLN_OK);
    if (m) {
        T_CHECK(m->tensors[0].data == NULL);
        T_CHECK(strstr(m->format_facts, "\"bin_file\":null") && strstr(m->format_facts, "\"in_bounds\":false"));
        hln_model_free(m);
    }
}

static void test_edge_checks(void) {
    hln_model *m = NULL;
    hln_error err;
    expect_fail("edge to a missing layer", parse_conv(GOOD_CONST, "<edge from-layer=\"0\" from-port=\"0\" to-layer=\"99\" to-port=\"0\"/>", 1, 0, &m, &err),
                HLN_ERR_LAYOUT, &err, "nonexistent layer");
    expect_fail("edge to a missing port", parse_conv(GOOD_CONST, "<edge from-layer=\"0\" from-port=\"0\" to-layer=\"5\" to-port=\"9\"/>", 1, 0, &m, &err),
                HLN_ERR_LAYOUT, &err, "nonexistent port");
    expect_fail("edge from an input port", parse_conv(GOOD_CONST, "<edge from-layer=\"5\" from-port=\"0\" to-layer=\"7\" to-port=\"0\"/>", 1, 0, &m, &err),
                HLN_ERR_LAYOUT, &err, "nonexistent port");
    expect_fail("an input port fed twice", parse_conv(GOOD_CONST, "<edge from-layer=\"1\" from-port=\"0\" to-layer=\"5\" to-port=\"0\"/>", 1, 0, &m, &err),
                HLN_ERR_DUPLICATE, &err, "two edges");
}

static void test_cycle_and_duplicates(void) {
    static const char *cyc =
        "<net name=\"c\" version=\"11\"><layers>"
        "<layer id=\"0\" name=\"a\" type=\"ReLU\"><input><port id=\"0\"/></input><output><port id=\"1\"/></output></layer>"
        "<layer id=\"1\" name=\"b\" type=\"ReLU\"><input><port id=\"0\"/></input><output><port id=\"1\"/></output></layer>"
        "</layers><edges><edge from-layer=\"0\" from-port=\"1\" to-layer=\"1\" to-port=\"0\"/>"
        "<edge from-layer=\"1\" from-port=\"1\" to-layer=\"0\" to-port=\"0\"/></edges></net>";
    static const char *dup =
        "<net name=\"c\" version=\"11\"><layers>"
        "<layer id=\"3\" name=\"a\" type=\"Parameter\"><output><port id=\"0\"/></output></layer>"
        "<layer id=\"3\" name=\"b\" type=\"Result\"><input><port id=\"0\"/></input></layer>"
        "</layers><edges/></net>";
    static const char *dup_port =
        "<net name=\"c\" version=\"11\"><layers>"
        "<layer id=\"3\" name=\"a\" type=\"Parameter\"><output><port id=\"0\"/><port id=\"0\"/></output></layer>"
        "</layers></net>";
    hln_model *m = NULL;
    hln_error err;
    expect_fail("cycle", parse_ir(cyc, 0, 0, &m, &err), HLN_ERR_LAYOUT, &err, "cycle");
    expect_fail("duplicate layer id", parse_ir(dup, 0, 0, &m, &err), HLN_ERR_DUPLICATE, &err, "duplicate layer id 3");
    expect_fail("duplicate port id", parse_ir(dup_port, 0, 0, &m, &err), HLN_ERR_DUPLICATE, &err, "same id");
}

static void test_xml_refusals(void) {
    static const char *good_tail = " version=\"11\"><layers/></net>";
    char xml[4096];
    hln_model *m = NULL;
    hln_error err;
    int i, n;
    snprintf(xml, sizeof xml, "<?xml version=\"1.0\"?><!DOCTYPE net [<!ENTITY a \"b\">]><net name=\"&a;\"%s", good_tail);
    expect_fail("DTD", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_UNSUPPORTED, &err, "DTD");
    snprintf(xml, sizeof xml, "<net name=\"&a;\"%s", good_tail);
    expect_fail("undeclared entity", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_UNSUPPORTED, &err, "never expanded");
    snprintf(xml, sizeof xml, "<net name=\"&#0;\"%s", good_tail);
    expect_fail("character reference to NUL", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_UNSUPPORTED, &err, NULL);
    snprintf(xml, sizeof xml, "<net name=\"x\" version=\"11\"><![CDATA[x]]><layers/></net>");
    expect_fail("CDATA", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_UNSUPPORTED, &err, NULL);
    snprintf(xml, sizeof xml, "<net name=\"x\" name=\"y\"%s", good_tail);
    expect_fail("duplicate attribute", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_DUPLICATE, &err, NULL);
    snprintf(xml, sizeof xml, "<net name=\"x\" version=\"11\"><layers></net>");
    expect_fail("mismatched end tag", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_SYNTAX, &err, "does not match");
    snprintf(xml, sizeof xml, "<net name=\"x\" version=\"11\"><layers>");
    expect_fail("truncated", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_TRUNCATED, &err, "unexpected end");
    snprintf(xml, sizeof xml, "<net name=\"x\" version=\"9\"><layers/></net>");
    expect_fail("IR v9", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_VERSION, &err, NULL);
    n = snprintf(xml, sizeof xml, "<net name=\"x\" version=\"11\"><layers><layer id=\"0\" name=\"a\" type=\"Parameter\">");
    for (i = 0; i < HLN_OV_MAX_DEPTH; i++) n += snprintf(xml + n, sizeof xml - (size_t)n, "<x>");
    expect_fail("nesting past the cap", parse_ir(xml, 0, 0, &m, &err), HLN_ERR_LIMIT, &err, "HLN_OV_MAX_DEPTH");
    T_CHECK(!hln_ov_detect("<model/>", 8));
    T_CHECK(hln_ov_detect("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<net name=\"a\">", 39));
    /* an IR with a DTD is still an IR to detection (past the internal subset, '>' inside it
       too), so the reader refuses it with the DTD's reason */
    snprintf(xml, sizeof xml, "<?xml version=\"1.0\"?><!DOCTYPE net [\n <!ENTITY a \"b\">\n <!ENTITY c \"&a;&a;\">\n]>\n<net name=\"&c;\"%s", good_tail);
    T_CHECK(hln_ov_detect(xml, strlen(xml)));
    T_CHECK(!hln_ov_detect("<!DOCTYPE net [ <!ENTITY a \"b\"> ", 32));
}

/* Every path the loader asks for, through the io callbacks. */
typedef struct opened { char paths[8][512]; int n; } opened;
static int rec_open(void *user, const char *path, hln_mapped *out) {
    opened *o = (opened *)user;
    size_t size = 0;
    if (o->n < 8) snprintf(o->paths[o->n++], sizeof o->paths[0], "%s", path);
    out->data = t_read_file(path, &size);
    out->size = size;
    out->handle = (void *)out->data;
    return out->data ? 0 : 1;
}
static void rec_close(void *user, hln_mapped *m) { (void)user; free(m->handle); }

static void test_files_opened(void) {
    char path[1024];
    opened o;
    hln_ov_options opts;
    hln_model *m = NULL;
    hln_error err;
    int i;
    snprintf(path, sizeof path, "%s/openvino/bad/external_entity.xml", t_corpus());
    memset(&o, 0, sizeof o);
    memset(&opts, 0, sizeof opts);
    opts.io.open = rec_open;
    opts.io.close = rec_close;
    opts.io.user = &o;
    if (hln_ov_load_file(&opts, path, &m, &err) != HLN_ERR_IO && o.n == 0) { T_SKIP("corpus not found"); return; }
    T_CHECK(m == NULL);
    T_CHECK(err.code == HLN_ERR_UNSUPPORTED);
    for (i = 0; i < o.n; i++) T_CHECKF(strstr(o.paths[i], "/openvino/bad/external_entity.") != NULL, "opened %s", o.paths[i]);
    T_CHECK(o.n == 2);   /* the .xml and its .bin, nothing the XML names */
    snprintf(path, sizeof path, "%s/openvino/bad/missing_bin.xml", t_corpus());
    T_CHECK(hln_ov_load_file(&opts, path, &m, &err) == HLN_ERR_PATH);
    T_CHECKF(strstr(err.message, "missing_bin.bin") != NULL, "%s", err.message);
}

static void test_tensor_iterator(void) {
    char path[1024];
    hln_ov_options opts;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary gs;
    const hln_node *ti = NULL;
    uint32_t i, a;
    int64_t iterations = 0;
    const hln_graph *body = NULL;
    snprintf(path, sizeof path, "%s/openvino/generated/lstm_tensor_iterator.xml", t_corpus());
    memset(&opts, 0, sizeof opts);
    if (hln_ov_load_file(&opts, path, &m, &err) != HLN_OK) { T_SKIP("corpus not found"); return; }
    for (i = 0; i < m->graph->n_nodes; i++) if (strcmp(m->graph->nodes[i].op_type, "TensorIterator") == 0) ti = &m->graph->nodes[i];
    T_CHECK(ti != NULL);
    for (a = 0; ti && a < ti->n_attrs; a++) {
        if (strcmp(ti->attrs[a].name, "iterations") == 0) iterations = ti->attrs[a].i;
        if (ti->attrs[a].type == HLN_ATTR_GRAPH) body = ti->attrs[a].graphs[0];
    }
    T_EQ_I64(iterations, 10);   /* the sequence axis (10) over part_size 1 */
    T_CHECK(body && body->parent == m->graph && body->n_inputs == 3 && body->n_nodes >= 3);
    T_CHECK(hln_graph_analyze(m, NULL, &gs, &err) == HLN_OK);
    /* LSTMCell per step: W [192, 32] + R [192, 48] for one row = 15360 MACs, 10 steps; head 48 x 5 */
    T_EQ_U64(m->graph->macs, 153600 + 240);
    T_EQ_U64(m->n_tensors, 7);
    for (i = 0, a = 0; i < m->n_tensors; i++) a += (m->tensors[i].flags & HLN_TENSOR_NESTED) != 0;
    T_EQ_U64(a, 5);
    hln_model_free(m);
}

/* A custom op (version="extension") gets its own domain; opset ops are OpenVINO's own. */
static void test_extension_domain(void) {
    char path[1024];
    hln_ov_options opts;
    hln_model *m = NULL;
    hln_error err;
    snprintf(path, sizeof path, "%s/openvino/real/pointpillars/pointpillars_ov_pillar_layer.xml", t_corpus());
    memset(&opts, 0, sizeof opts);
    if (hln_ov_load_file(&opts, path, &m, &err) != HLN_OK) { T_SKIP("corpus not found"); return; }
    T_EQ_U64(m->graph->n_nodes, 1);
    T_EQ_STR(m->graph->nodes[0].op_type, "VoxelizationOp");
    T_EQ_STR(m->graph->nodes[0].domain, "openvino.extension");
    T_EQ_U64(m->graph->nodes[0].n_outputs, 3);
    hln_model_free(m);
}

int main(void) {
    uint32_t i;
    for (i = 0; i < sizeof bin; i++) bin[i] = (uint8_t)i;
    T_RUN(test_conv_graph);
    T_RUN(test_const_checks);
    T_RUN(test_edge_checks);
    T_RUN(test_cycle_and_duplicates);
    T_RUN(test_xml_refusals);
    T_RUN(test_files_opened);
    T_RUN(test_tensor_iterator);
    T_RUN(test_extension_domain);
    return t_finish("test_openvino");
}
