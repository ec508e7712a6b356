/* haoline_openvino.h - v0.1 - OpenVINO IR (X.xml + X.bin) reader for HaoLine. MIT license.

   Reads an OpenVINO Intermediate Representation: the graph in X.xml (IR v10 and v11) and the
   Const data in X.bin beside it, into the HaoLine IR (haoline_ir.h). Needs only the hub.

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_openvino.h"

       hln_ov_options opts = {0};
       hln_model *m = NULL;
       hln_error err;
       if (hln_ov_load_file(&opts, "model.xml", &m, &err) != HLN_OK)
           fprintf(stderr, "%s: byte %llu: %s\n", err.file, (unsigned long long)err.byte_offset, err.message);
       else { printf("%u constants\n", m->n_tensors); hln_model_free(m); }

   XML: a bounded reader of its own that accepts what IR files are made of: elements,
   attributes in single or double quotes, text, comments and the <?xml?> declaration, the
   five predefined entity references and character references. It refuses a DTD
   (<!DOCTYPE>), any other entity reference, CDATA and nesting deeper than HLN_OV_MAX_DEPTH:
   no entity is ever expanded and no file named by the XML is opened. The reader keeps an
   explicit stack (no recursion per element).

   GRAPH: every <layer> (id, name, type, version) with its ports and dims; every <edge> is
   checked: both layers exist, from-port is an output port of from-layer, to-port an input
   port of to-layer, no input port is fed twice, no cycle. Layer ids and port ids are unique.
   Parameter layers become graph inputs, Const layers tensors (views of the .bin), Result
   layers graph outputs, every other layer a node of domain "openvino" ("openvino.extension"
   when its version is not an opsetN: a custom op) whose op_type is the OpenVINO type name and whose attributes are the <data> attributes (strings). Costs of the
   "openvino" ops come from the declared port shapes (haoline_analysis.h, the declared-shape
   rule table). TensorIterator and Loop <body>, If <then_body>/<else_body> become GRAPH
   attributes (body, then_body, else_body) of their node; port maps and back edges are checked
   against the body's layers.

   CONST DATA: element_type (f64 f32 f16 bf16 f8e4m3 f8e5m2 f8e8m0 f4e2m1 i64 i32 i16 i8 i4
   u64 u32 u16 u8 u4 u2 u1 nf4 boolean string), shape, offset and size: size must be
   ceil(elements x bits / 8), offset non-negative, offset + size (overflow-checked) within the
   .bin. A missing .bin is an error naming it unless hln_ov_options.graph_only is set: then
   the tensors have no bytes and the facts say in_bounds false.

   FACTS: model->format_facts holds the counts the corpus README defines (layers, edges,
   bodies, op histograms, op versions, inputs, outputs, Const statistics, rt_info) plus
   decompression_converts (Convert layers marked decompression: the weights are stored in
   the Const's element type and widened at load).

   LIMITS: HLN_OV_MAX_DEPTH (XML nesting, default 64), HLN_OV_MAX_BODY_DEPTH (nested bodies,
   default 8), HLN_OV_MAX_XML (bytes, default 2^31).

   FUNCTIONS
     hln_ov_detect        is this an OpenVINO IR .xml
     hln_ov_parse         the .xml and .bin as buffers -> hln_model
     hln_ov_load_file     X.xml and the X.bin beside it (graph_only: without it)
   DOES NOT
     expand XML entities, read DTDs, open any file but X.xml and X.bin, or include another
     format header.
*/
#ifndef HAOLINE_OPENVINO_H
#define HAOLINE_OPENVINO_H

#include "haoline_ir.h"

#define HAOLINE_OPENVINO_VERSION_MAJOR 0
#define HAOLINE_OPENVINO_VERSION_MINOR 1
#define HAOLINE_OPENVINO_VERSION_PATCH 0

#ifndef HLN_OV_MAX_DEPTH
#define HLN_OV_MAX_DEPTH 64
#endif
#ifndef HLN_OV_MAX_BODY_DEPTH
#define HLN_OV_MAX_BODY_DEPTH 8
#endif
#ifndef HLN_OV_MAX_XML
#define HLN_OV_MAX_XML 0x80000000u
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_ov_options {
    hln_allocator allocator;   /* zero: libc */
    hln_file_io   io;          /* hln_ov_load_file's file access; zero: the platform's */
    int           graph_only;  /* a missing .bin is not an error: Const tensors get no bytes */
} hln_ov_options;

/* 1 when data starts like an IR file: optional BOM, <?xml?> declaration and comments, then <net. */
HLN_DEF int        hln_ov_detect(const void *data, uint64_t size);
/* Parses an IR held in memory. bin: the .bin bytes, NULL when there is none (then an IR with
   Const data needs graph_only); bin_name names it in facts and errors. Both buffers must
   outlive the model. */
HLN_DEF hln_result hln_ov_parse(const hln_ov_options *opts, const void *xml, uint64_t xml_size,
                                const void *bin, uint64_t bin_size, const char *bin_name,
                                hln_model **out, hln_error *err);
#ifndef HLN_NO_STDIO
/* path is the .xml; the .bin is the same path with the extension replaced. */
HLN_DEF hln_result hln_ov_load_file(const hln_ov_options *opts, const char *path, hln_model **out, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_OPENVINO_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_OPENVINO_IMPLEMENTATION)) && !defined(HAOLINE_OPENVINO_IMPLEMENTED)
#define HAOLINE_OPENVINO_IMPLEMENTED

#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the bounded XML reader ------------------------------------------------------------ */
typedef struct hln_ov__span { uint32_t off, len; } hln_ov__span;
typedef struct hln_ov__xattr { hln_ov__span name, value; } hln_ov__xattr;
typedef struct hln_ov__elem {
    hln_ov__span name, text;
    uint32_t     first_attr, n_attrs;
    int32_t      parent, first_child, last_child, next;
    uint32_t     offset;
} hln_ov__elem;

typedef struct hln_ov__x {
    const char    *s;
    uint32_t       n;
    hln_ov__elem  *el;
    uint32_t       n_el, cap_el;
    hln_ov__xattr *at;
    uint32_t       n_at, cap_at;
    hln_allocator  alloc;
    hln_error     *err;
} hln_ov__x;

static hln_result hln_ov__xerr(hln_ov__x *x, hln_result code, uint32_t at, const char *what) {
    return hln_error_set(x->err, code, at, "xml", "%s", what);
}

static int hln_ov__grow(const hln_allocator *a, void **p, uint32_t *cap, uint32_t n, size_t elem) {
    uint64_t c = *cap ? (uint64_t)*cap * 2 : 64;
    void *g;
    if (n < *cap) return 1;
    if (c > UINT32_MAX / 2 || c * elem > SIZE_MAX) return 0;
    g = hln_allocator_alloc(a, (size_t)(c * elem));
    if (!g) return 0;
    if (*p) { memcpy(g, *p, (size_t)n * elem); hln_allocator_free(a, *p); }
    *p = g;
    *cap = (uint32_t)c;
    return 1;
}

static int hln_ov__name_char(unsigned char c, int first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80) return 1;
    return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}
static int hln_ov__ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Checks every '&' of s[from, to): the predefined references and character references only. */
static hln_result hln_ov__check_refs(hln_ov__x *x, uint32_t from, uint32_t to) {
    static const char *const named[] = { "lt;", "gt;", "amp;", "quot;", "apos;" };
    uint32_t i, k;
    for (i = from; i < to; i++) {
        const char *p = x->s + i;
        uint32_t left = to - i;
        int ok = 0;
        if (*p == '<') return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "'<' inside an attribute value");
        if (*p != '&') continue;
        for (k = 0; k < 5 && !ok; k++) {
            size_t l = strlen(named[k]);
            if (left > l && memcmp(p + 1, named[k], l) == 0) ok = 1;
        }
        if (!ok && left > 3 && p[1] == '#') {
            uint32_t j = 2, cp = 0, digits = 0;
            int hex = p[2] == 'x';
            if (hex) j++;
            for (; j < left && p[j] != ';' && digits < 8; j++, digits++) {
                char c = p[j];
                uint32_t d;
                if (c >= '0' && c <= '9') d = (uint32_t)(c - '0');
                else if (hex && c >= 'a' && c <= 'f') d = (uint32_t)(c - 'a' + 10);
                else if (hex && c >= 'A' && c <= 'F') d = (uint32_t)(c - 'A' + 10);
                else break;
                cp = cp * (hex ? 16u : 10u) + d;
            }
            ok = digits && j < left && p[j] == ';' && cp && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        }
        if (!ok)
            return hln_ov__xerr(x, HLN_ERR_UNSUPPORTED, i,
                                "entity reference that is not one of the five predefined ones or a character reference "
                                "(entities are never expanded)");
    }
    return HLN_OK;
}

static hln_result hln_ov__skip_to(hln_ov__x *x, uint32_t *i, const char *end, const char *what) {
    size_t l = strlen(end);
    uint32_t j;
    for (j = *i; x->n - j >= l; j++)
        if (memcmp(x->s + j, end, l) == 0) { *i = j + (uint32_t)l; return HLN_OK; }
    return hln_ov__xerr(x, HLN_ERR_TRUNCATED, *i, what);
}

static hln_result hln_ov__start_tag(hln_ov__x *x, uint32_t *pos, int32_t parent, int *self_closing) {
    uint32_t i = *pos + 1, e, k;
    hln_ov__elem *el;
    if (!hln_ov__grow(&x->alloc, (void **)&x->el, &x->cap_el, x->n_el, sizeof *x->el))
        return hln_ov__xerr(x, HLN_ERR_NOMEM, i, "out of memory for XML elements");
    e = x->n_el++;
    el = &x->el[e];
    memset(el, 0, sizeof *el);
    el->parent = parent;
    el->first_child = el->last_child = el->next = -1;
    el->offset = *pos;
    el->name.off = i;
    while (i < x->n && hln_ov__name_char((unsigned char)x->s[i], i == el->name.off)) i++;
    el->name.len = i - el->name.off;
    if (!el->name.len) return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "expected an element name after '<'");
    el->first_attr = x->n_at;
    for (;;) {
        hln_ov__xattr *a;
        char q;
        uint32_t had_ws = i;
        while (i < x->n && hln_ov__ws(x->s[i])) i++;
        if (i >= x->n) return hln_ov__xerr(x, HLN_ERR_TRUNCATED, i, "unexpected end inside a start tag");
        if (x->s[i] == '>') { *self_closing = 0; i++; break; }
        if (x->s[i] == '/') {
            if (x->n - i < 2) return hln_ov__xerr(x, HLN_ERR_TRUNCATED, i, "unexpected end inside a start tag");
            if (x->s[i + 1] != '>') return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "expected '/>'");
            *self_closing = 1;
            i += 2;
            break;
        }
        if (had_ws == i) return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "expected whitespace before an attribute");
        if (!hln_ov__grow(&x->alloc, (void **)&x->at, &x->cap_at, x->n_at, sizeof *x->at))
            return hln_ov__xerr(x, HLN_ERR_NOMEM, i, "out of memory for XML attributes");
        a = &x->at[x->n_at];
        a->name.off = i;
        while (i < x->n && hln_ov__name_char((unsigned char)x->s[i], i == a->name.off)) i++;
        a->name.len = i - a->name.off;
        if (!a->name.len) return hln_ov__xerr(x, i < x->n ? HLN_ERR_SYNTAX : HLN_ERR_TRUNCATED, i, "expected an attribute name");
        while (i < x->n && hln_ov__ws(x->s[i])) i++;
        if (i >= x->n) return hln_ov__xerr(x, HLN_ERR_TRUNCATED, i, "unexpected end inside a start tag");
        if (x->s[i] != '=') return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "expected '=' after an attribute name");
        i++;
        while (i < x->n && hln_ov__ws(x->s[i])) i++;
        if (i >= x->n) return hln_ov__xerr(x, HLN_ERR_TRUNCATED, i, "unexpected end inside a start tag");
        q = x->s[i];
        if (q != '"' && q != '\'') return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "attribute values must be quoted");
        a->value.off = ++i;
        while (i < x->n && x->s[i] != q) i++;
        if (i >= x->n) return hln_ov__xerr(x, HLN_ERR_TRUNCATED, a->value.off, "unterminated attribute value");
        a->value.len = i - a->value.off;
        i++;
        if (hln_ov__check_refs(x, a->value.off, a->value.off + a->value.len) != HLN_OK) return x->err ? x->err->code : HLN_ERR_SYNTAX;
        for (k = el->first_attr; k < x->n_at; k++)
            if (x->at[k].name.len == a->name.len && memcmp(x->s + x->at[k].name.off, x->s + a->name.off, a->name.len) == 0)
                return hln_ov__xerr(x, HLN_ERR_DUPLICATE, a->name.off, "an attribute appears twice in one element");
        x->n_at++;
        x->el[e].n_attrs++;
    }
    el = &x->el[e];
    if (parent >= 0) {
        hln_ov__elem *p = &x->el[parent];
        if (p->last_child >= 0) x->el[p->last_child].next = (int32_t)e; else p->first_child = (int32_t)e;
        p->last_child = (int32_t)e;
    }
    *pos = i;
    return HLN_OK;
}

/* Builds the element tree of x->s; element 0 is the root. */
static hln_result hln_ov__xml(hln_ov__x *x) {
    uint32_t i = 0, stack[HLN_OV_MAX_DEPTH];
    unsigned depth = 0;
    int root_done = 0;
    hln_result r;
    if (x->n >= 3 && (unsigned char)x->s[0] == 0xEF && (unsigned char)x->s[1] == 0xBB && (unsigned char)x->s[2] == 0xBF) i = 3;
    while (i < x->n) {
        uint32_t t = i;
        while (i < x->n && x->s[i] != '<') i++;
        if (i > t) {   /* text */
            uint32_t a = t, b = i;
            while (a < b && hln_ov__ws(x->s[a])) a++;
            while (b > a && hln_ov__ws(x->s[b - 1])) b--;
            if (a < b) {
                if (!depth) return hln_ov__xerr(x, HLN_ERR_SYNTAX, a, "text outside the root element");
                if ((r = hln_ov__check_refs(x, a, b)) != HLN_OK) return r;
                if (!x->el[stack[depth - 1]].text.len) { x->el[stack[depth - 1]].text.off = a; x->el[stack[depth - 1]].text.len = b - a; }
            }
        }
        if (i >= x->n) break;
        if (x->n - i >= 2 && x->s[i + 1] == '?') {
            i += 2;
            if ((r = hln_ov__skip_to(x, &i, "?>", "unterminated processing instruction")) != HLN_OK) return r;
        } else if (x->n - i >= 4 && memcmp(x->s + i, "<!--", 4) == 0) {
            i += 4;
            if ((r = hln_ov__skip_to(x, &i, "-->", "unterminated comment")) != HLN_OK) return r;
        } else if (x->n - i >= 9 && memcmp(x->s + i, "<!DOCTYPE", 9) == 0) {
            return hln_ov__xerr(x, HLN_ERR_UNSUPPORTED, i, "a DTD (<!DOCTYPE) is not allowed in an IR file: entity "
                                "declarations are refused, never expanded");
        } else if (x->n - i >= 2 && x->s[i + 1] == '!') {
            return hln_ov__xerr(x, HLN_ERR_UNSUPPORTED, i, "<! declarations and CDATA sections are not allowed in an IR file");
        } else if (x->n - i >= 2 && x->s[i + 1] == '/') {
            const hln_ov__elem *e;
            uint32_t j = i + 2;
            if (!depth) return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "end tag without a start tag");
            e = &x->el[stack[depth - 1]];
            if (memcmp(x->s + j, x->s + e->name.off, x->n - j < e->name.len ? x->n - j : e->name.len) != 0)
                return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "end tag does not match the open element");
            if (x->n - j < e->name.len) return hln_ov__xerr(x, HLN_ERR_TRUNCATED, i, "unexpected end inside an end tag");
            if (
                (x->n - j > e->name.len && hln_ov__name_char((unsigned char)x->s[j + e->name.len], 0)))
                return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "end tag does not match the open element");
            j += e->name.len;
            while (j < x->n && hln_ov__ws(x->s[j])) j++;
            if (j >= x->n) return hln_ov__xerr(x, HLN_ERR_TRUNCATED, i, "unexpected end inside an end tag");
            if (x->s[j] != '>') return hln_ov__xerr(x, HLN_ERR_SYNTAX, j, "expected '>' to close an end tag");
            i = j + 1;
            if (--depth == 0) root_done = 1;
        } else {
            int self_closing = 0;
            uint32_t e = x->n_el;
            if (root_done) return hln_ov__xerr(x, HLN_ERR_SYNTAX, i, "a second root element");
            if (depth >= HLN_OV_MAX_DEPTH)
                return hln_error_set(x->err, HLN_ERR_LIMIT, i, "xml", "elements nested deeper than HLN_OV_MAX_DEPTH (%d)", HLN_OV_MAX_DEPTH);
            if ((r = hln_ov__start_tag(x, &i, depth ? (int32_t)stack[depth - 1] : -1, &self_closing)) != HLN_OK) return r;
            if (self_closing) { if (!depth) root_done = 1; }
            else stack[depth++] = e;
        }
    }
    if (depth) {
        char msg[128];
        const hln_ov__elem *e = &x->el[stack[depth - 1]];
        snprintf(msg, sizeof msg, "unexpected end of the XML inside <%.*s> (%u element(s) open)", (int)(e->name.len > 40 ? 40 : e->name.len),
                 x->s + e->name.off, depth);
        return hln_ov__xerr(x, HLN_ERR_TRUNCATED, x->n, msg);
    }
    if (!x->n_el) return hln_ov__xerr(x, HLN_ERR_SYNTAX, x->n, "no root element");
    return HLN_OK;
}

static int hln_ov__is(const hln_ov__x *x, hln_ov__span s, const char *lit) {
    size_t l = strlen(lit);
    return s.len == l && memcmp(x->s + s.off, lit, l) == 0;
}
static const hln_ov__span *hln_ov__attr(const hln_ov__x *x, int32_t e, const char *name) {
    uint32_t k;
    for (k = 0; k < x->el[e].n_attrs; k++)
        if (hln_ov__is(x, x->at[x->el[e].first_attr + k].name, name)) return &x->at[x->el[e].first_attr + k].value;
    return NULL;
}
static int32_t hln_ov__child(const hln_ov__x *x, int32_t e, const char *name) {
    int32_t c;
    for (c = x->el[e].first_child; c >= 0; c = x->el[c].next)
        if (hln_ov__is(x, x->el[c].name, name)) return c;
    return -1;
}

/* ---- the IR builder ----------------------------------------------------------------------- */
typedef struct hln_ov__etype { const char *name, *precision; hln_dtype dtype; uint8_t bits; } hln_ov__etype;
static const hln_ov__etype hln_ov__etypes[] = {   /* OpenVINO element types and port precisions */
    {"f64", "FP64", HLN_DTYPE_F64, 64}, {"f32", "FP32", HLN_DTYPE_F32, 32}, {"f16", "FP16", HLN_DTYPE_F16, 16},
    {"bf16", "BF16", HLN_DTYPE_BF16, 16}, {"f8e4m3", "F8E4M3", HLN_DTYPE_F8_E4M3, 8}, {"f8e5m2", "F8E5M2", HLN_DTYPE_F8_E5M2, 8},
    {"f8e8m0", "F8E8M0", HLN_DTYPE_F8_E8M0, 8}, {"f4e2m1", "F4E2M1", HLN_DTYPE_F4_E2M1, 4},
    {"i64", "I64", HLN_DTYPE_I64, 64}, {"i32", "I32", HLN_DTYPE_I32, 32}, {"i16", "I16", HLN_DTYPE_I16, 16},
    {"i8", "I8", HLN_DTYPE_I8, 8}, {"i4", "I4", HLN_DTYPE_I4, 4}, {"u64", "U64", HLN_DTYPE_U64, 64},
    {"u32", "U32", HLN_DTYPE_U32, 32}, {"u16", "U16", HLN_DTYPE_U16, 16}, {"u8", "U8", HLN_DTYPE_U8, 8},
    {"u4", "U4", HLN_DTYPE_U4, 4}, {"u2", "U2", HLN_DTYPE_U2, 2}, {"u1", "U1", HLN_DTYPE_U1, 1},
    {"nf4", "NF4", HLN_DTYPE_NF4, 4}, {"boolean", "BOOL", HLN_DTYPE_BOOL, 8}, {"string", "STRING", HLN_DTYPE_STRING, 0}
};
#define HLN_OV__N_ETYPES (sizeof hln_ov__etypes / sizeof hln_ov__etypes[0])

/* A count of a key (op type, version, element type) with sums; keys are views of the XML. */
typedef struct hln_ov__hist { const char *key, *key2; uint32_t len, len2; uint64_t count, elements, bytes; } hln_ov__hist;
typedef struct hln_ov__hists { hln_ov__hist *h; uint32_t n, cap; } hln_ov__hists;

typedef struct hln_ov__consts {
    uint64_t count, elements, bytes, distinct;
    int sizes_match, in_bounds;
    hln_ov__hists by_type;
} hln_ov__consts;

#define HLN_OV__MAX_KEYS 4096   /* distinct op types, versions, element types: real IRs have < 200 */
typedef struct hln_ov__range { uint64_t offset, size; } hln_ov__range;
typedef struct hln_ov__layer { uint64_t id; int32_t el; uint32_t first_port, n_ports, index; } hln_ov__layer;
typedef struct hln_ov__port { uint64_t id; int32_t el; int32_t value; uint8_t output, fed; } hln_ov__port;

typedef struct hln_ov__rd {
    hln_ov__x      x;
    hln_model     *m;
    hln_error     *err;
    const uint8_t *bin;
    uint64_t       bin_size;
    int            have_bin, graph_only;
    uint32_t       bin_file;
    uint32_t       tensor_cap;
    /* facts */
    uint64_t       layers_all, edges_all, bodies, rt_layers, decompression;
    uint32_t       max_depth;
    hln_ov__hists  ops_all, versions, type_versions;
    hln_ov__consts consts_all;
    hln_ov__range *ranges;      /* (offset, size) of every Const, top level first */
    uint32_t       n_ranges, cap_ranges;
    int            too_many_keys;
} hln_ov__rd;

static hln_result hln_ov__nomem(hln_ov__rd *r) {
    if (r->too_many_keys)
        return hln_error_set(r->err, HLN_ERR_LIMIT, 0, "", "more than %d distinct layer types, versions or element types", HLN_OV__MAX_KEYS);
    return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "", "out of memory");
}

static hln_ov__hist *hln_ov__count(hln_ov__rd *r, hln_ov__hists *hs, const char *k, uint32_t len, const char *k2, uint32_t len2) {
    uint32_t i;
    for (i = 0; i < hs->n; i++)
        if (hs->h[i].len == len && memcmp(hs->h[i].key, k, len) == 0 && hs->h[i].len2 == len2 && (!len2 || memcmp(hs->h[i].key2, k2, len2) == 0)) {
            hs->h[i].count++;
            return &hs->h[i];
        }
    if (hs->n >= HLN_OV__MAX_KEYS) { r->too_many_keys = 1; return NULL; }
    if (!hln_ov__grow(&r->x.alloc, (void **)&hs->h, &hs->cap, hs->n, sizeof *hs->h)) return NULL;
    memset(&hs->h[hs->n], 0, sizeof hs->h[0]);
    hs->h[hs->n].key = k;
    hs->h[hs->n].len = len;
    hs->h[hs->n].key2 = k2;
    hs->h[hs->n].len2 = len2;
    hs->h[hs->n].count = 1;
    return &hs->h[hs->n++];
}
static hln_ov__hist *hln_ov__count_span(hln_ov__rd *r, hln_ov__hists *hs, const hln_ov__span *s) {
    return s ? hln_ov__count(r, hs, r->x.s + s->off, s->len, NULL, 0) : hln_ov__count(r, hs, "", 0, NULL, 0);
}

/* Decoded NUL-terminated arena copy of an attribute value or text (the references resolved). */
static char *hln_ov__dup(hln_ov__rd *r, const hln_ov__span *s) {
    const char *p = r->x.s + (s ? s->off : 0);
    uint32_t n = s ? s->len : 0, i, o = 0;
    char *d = (char *)hln_arena_alloc(&r->m->arena, (size_t)n + 1);
    if (!d) return NULL;
    for (i = 0; i < n;) {
        uint32_t cp = 0;
        if (p[i] != '&') { d[o++] = p[i++]; continue; }
        if (p[i + 1] == '#') {   /* validated by hln_ov__check_refs */
            int hex = p[i + 2] == 'x';
            i += hex ? 3 : 2;
            for (; p[i] != ';'; i++)
                cp = cp * (hex ? 16u : 10u) + (uint32_t)(p[i] <= '9' ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
            i++;
        } else {
            static const char *const named[] = { "lt;", "gt;", "amp;", "quot;", "apos;" };
            static const char chars[] = "<>&\"'";
            unsigned k;
            for (k = 0; k < 5; k++) if (strncmp(p + i + 1, named[k], strlen(named[k])) == 0) break;
            cp = (unsigned char)chars[k];
            i += 1 + (uint32_t)strlen(named[k]);
        }
        if (cp < 0x80) d[o++] = (char)cp;   /* the encoding is never longer than the reference */
        else if (cp < 0x800) { d[o++] = (char)(0xC0 | cp >> 6); d[o++] = (char)(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) { d[o++] = (char)(0xE0 | cp >> 12); d[o++] = (char)(0x80 | ((cp >> 6) & 0x3F)); d[o++] = (char)(0x80 | (cp & 0x3F)); }
        else {
            d[o++] = (char)(0xF0 | cp >> 18); d[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            d[o++] = (char)(0x80 | ((cp >> 6) & 0x3F)); d[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    d[o] = 0;
    return d;
}

static hln_result hln_ov__fail(hln_ov__rd *r, hln_result code, int32_t el, const char *path, const char *fmt, const char *a) {
    return hln_error_set(r->err, code, el >= 0 ? r->x.el[el].offset : 0, path, fmt, a ? a : "");
}

/* An integer attribute or text: optional '-', digits, surrounding spaces. */
static int hln_ov__int(const hln_ov__rd *r, const hln_ov__span *s, int64_t *neg_out, uint64_t *v) {
    const char *p = r->x.s + s->off;
    uint32_t n = s->len, i = 0;
    uint64_t x = 0;
    int neg = 0, digits = 0;
    while (i < n && p[i] == ' ') i++;
    if (i < n && p[i] == '-') { neg = 1; i++; }
    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, digits++) {
        unsigned d = (unsigned)(p[i] - '0');
        if (x > (UINT64_MAX - d) / 10) return 0;
        x = x * 10 + d;
    }
    while (i < n && p[i] == ' ') i++;
    if (i != n || !digits) return 0;
    *neg_out = neg;
    *v = x;
    return 1;
}
static hln_result hln_ov__u64_attr(hln_ov__rd *r, int32_t el, const char *name, uint64_t *v, const char *path) {
    const hln_ov__span *s = hln_ov__attr(&r->x, el, name);
    int64_t neg;
    char msg[96];
    if (!s) { snprintf(msg, sizeof msg, "missing attribute %s", name); return hln_ov__fail(r, HLN_ERR_SYNTAX, el, path, "%s", msg); }
    if (!hln_ov__int(r, s, &neg, v)) { snprintf(msg, sizeof msg, "attribute %s is not an integer (or does not fit in 64 bits)", name); return hln_ov__fail(r, HLN_ERR_RANGE, el, path, "%s", msg); }
    if (neg && *v) { snprintf(msg, sizeof msg, "attribute %s is negative", name); return hln_ov__fail(r, HLN_ERR_RANGE, el, path, "%s", msg); }
    return HLN_OK;
}

static const hln_ov__etype *hln_ov__etype_of(const hln_ov__rd *r, const hln_ov__span *s, int precision) {
    size_t k;
    if (!s) return NULL;
    for (k = 0; k < HLN_OV__N_ETYPES; k++) {
        const char *nm = precision ? hln_ov__etypes[k].precision : hln_ov__etypes[k].name;
        if (hln_ov__is(&r->x, *s, nm)) return &hln_ov__etypes[k];
    }
    if (precision && hln_ov__is(&r->x, *s, "BOOLEAN")) return &hln_ov__etypes[HLN_OV__N_ETYPES - 2];
    return NULL;
}

/* Const shape "a, b" / "" (scalar): static dims only. */
static hln_result hln_ov__const_shape(hln_ov__rd *r, int32_t el, const hln_ov__span *s, hln_tensor *t, const char *path) {
    uint32_t i = 0, n = s ? s->len : 0, count = 0, k;
    const char *p = s ? r->x.s + s->off : "";
    for (k = 0; k < n; k++) if (p[k] == ',') count++;
    while (i < n && p[i] == ' ') i++;
    if (i == n) { t->n_dims = 0; t->n_elements = 1; return HLN_OK; }
    if (count + 1 > HLN_MAX_DIMS) return hln_ov__fail(r, HLN_ERR_LIMIT, el, path, "%s", "Const shape has more dims than HLN_MAX_DIMS");
    t->dims = (int64_t *)hln_arena_array(&r->m->arena, count + 1, sizeof(int64_t));
    if (!t->dims) return hln_ov__nomem(r);
    t->n_elements = 1;
    for (k = 0, i = 0; k <= count; k++) {
        hln_ov__span d;
        int64_t neg;
        uint64_t v;
        d.off = s->off + i;
        while (i < n && p[i] != ',') i++;
        d.len = s->off + i - d.off;
        i++;
        if (!hln_ov__int(r, &d, &neg, &v) || neg || v > (uint64_t)INT64_MAX)
            return hln_ov__fail(r, HLN_ERR_RANGE, el, path, "%s", "Const shape dims must be non-negative integers");
        t->dims[k] = (int64_t)v;
        if (hln_mul_overflow(t->n_elements, v, &t->n_elements))
            return hln_ov__fail(r, HLN_ERR_OVERFLOW, el, path, "%s", "Const element count overflows 64 bits");
    }
    t->n_dims = count + 1;
    return HLN_OK;
}

static void hln_ov__const_stats(hln_ov__consts *c, hln_ov__hist *h, const hln_tensor *t, int match, int in_bounds) {
    c->count++;
    c->elements += t->n_elements;   /* each checked against the .bin or its declared size: sums stay < 2^64 x count */
    c->bytes += t->n_bytes;
    if (h) { h->elements += t->n_elements; h->bytes += t->n_bytes; }
    if (!match) c->sizes_match = 0;
    if (!in_bounds) c->in_bounds = 0;
}

/* A Const layer -> a tensor view of the .bin, checked. */
static hln_result hln_ov__const(hln_ov__rd *r, int32_t el, const char *name, int nested, hln_ov__consts *top, int32_t *tensor_out) {
    int32_t data = hln_ov__child(&r->x, el, "data");
    const hln_ov__span *et_s = data >= 0 ? hln_ov__attr(&r->x, data, "element_type") : NULL;
    const hln_ov__etype *et = hln_ov__etype_of(r, et_s, 0);
    hln_tensor *t;
    hln_result res;
    uint64_t offset, size, bits, need, end;
    int in_bounds;
    hln_ov__hist *h1, *h2;
    if (data < 0) return hln_ov__fail(r, HLN_ERR_SYNTAX, el, name, "%s", "Const layer without <data>");
    if (!et) {
        char msg[96];
        snprintf(msg, sizeof msg, "unknown element type \"%.24s\"", et_s ? r->x.s + et_s->off : "");
        if (et_s && et_s->len < 24) msg[strlen("unknown element type \"") + et_s->len] = 0, strcat(msg, "\"");
        return hln_ov__fail(r, HLN_ERR_TYPE, data, name, "%s", msg);
    }
    if (r->m->n_tensors == r->tensor_cap) {
        uint32_t cap = r->tensor_cap ? r->tensor_cap * 2 : 64;
        hln_tensor *g = (hln_tensor *)hln_arena_array(&r->m->arena, cap, sizeof(hln_tensor));
        if (!g) return hln_ov__nomem(r);
        if (r->m->n_tensors) memcpy(g, r->m->tensors, r->m->n_tensors * sizeof *g);
        r->m->tensors = g;
        r->tensor_cap = cap;
    }
    t = &r->m->tensors[r->m->n_tensors];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->dtype = et->dtype;
    t->native_type = (int32_t)(et - hln_ov__etypes);
    t->flags = nested ? HLN_TENSOR_NESTED : 0;
    if ((res = hln_ov__const_shape(r, data, hln_ov__attr(&r->x, data, "shape"), t, name)) != HLN_OK) return res;
    {
        const hln_ov__span *os = hln_ov__attr(&r->x, data, "offset");
        int64_t neg;
        if (os && hln_ov__int(r, os, &neg, &offset) && neg && offset)
            return hln_ov__fail(r, HLN_ERR_RANGE, data, name, "%s", "Const offset is negative");
    }
    if ((res = hln_ov__u64_attr(r, data, "offset", &offset, name)) != HLN_OK) return res;
    if ((res = hln_ov__u64_attr(r, data, "size", &size, name)) != HLN_OK) return res;
    t->offset = t->file_offset = offset;
    t->n_bytes = size;
    t->file = r->bin_file;
    if (hln_add_overflow(offset, size, &end))
        return hln_ov__fail(r, HLN_ERR_OVERFLOW, data, name, "%s", "Const offset + size overflows 64 bits");
    if (et->bits) {
        if (hln_mul_overflow(t->n_elements, et->bits, &bits))
            return hln_ov__fail(r, HLN_ERR_OVERFLOW, data, name, "%s", "Const bit count overflows 64 bits");
        need = bits / 8 + (bits % 8 ? 1 : 0);
        if (need != size) {
            char msg[160];
            snprintf(msg, sizeof msg, "Const size %llu != %llu elements x %u bits (%llu bytes)", (unsigned long long)size,
                     (unsigned long long)t->n_elements, et->bits, (unsigned long long)need);
            return hln_ov__fail(r, HLN_ERR_LAYOUT, data, name, "%s", msg);
        }
    }
    if (!r->have_bin && !r->graph_only)
        return hln_ov__fail(r, HLN_ERR_PATH, data, name, "%s", "Const data but no .bin");
    in_bounds = r->have_bin && end <= r->bin_size;
    if (r->have_bin && !in_bounds) {
        char msg[160];
        snprintf(msg, sizeof msg, "Const data [%llu, %llu) is outside the .bin (%llu bytes)", (unsigned long long)offset,
                 (unsigned long long)end, (unsigned long long)r->bin_size);
        return hln_ov__fail(r, HLN_ERR_LAYOUT, data, name, "%s", msg);
    }
    if (in_bounds) t->data = r->bin + offset;
    if (!hln_ov__grow(&r->x.alloc, (void **)&r->ranges, &r->cap_ranges, r->n_ranges, sizeof *r->ranges)) return hln_ov__nomem(r);
    r->ranges[r->n_ranges].offset = offset;
    r->ranges[r->n_ranges++].size = size;
    h1 = hln_ov__count(r, &r->consts_all.by_type, et->name, (uint32_t)strlen(et->name), NULL, 0);
    h2 = top != &r->consts_all ? hln_ov__count(r, &top->by_type, et->name, (uint32_t)strlen(et->name), NULL, 0) : h1;
    if (!h1 || !h2) return hln_ov__nomem(r);
    hln_ov__const_stats(&r->consts_all, h1, t, 1, in_bounds);
    if (top != &r->consts_all) hln_ov__const_stats(top, h2, t, 1, in_bounds);
    *tensor_out = (int32_t)r->m->n_tensors++;
    return HLN_OK;
}

/* (id, slot) pairs sorted by id: layers by id, ports per layer, edges by to-layer, body layers. */
typedef struct hln_ov__pid { uint64_t id; uint32_t slot; } hln_ov__pid;
static int hln_ov__pid_cmp(const void *a, const void *b) {
    uint64_t x = ((const hln_ov__pid *)a)->id, y = ((const hln_ov__pid *)b)->id;
    return x < y ? -1 : x > y;
}
/* The slot of id in ids[lo, hi), or -1. */
static int64_t hln_ov__find(const hln_ov__pid *ids, uint32_t lo, uint32_t hi, uint64_t id) {
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ids[mid].id == id) return ids[mid].slot;
        if (ids[mid].id < id) lo = mid + 1; else hi = mid;
    }
    return -1;
}
/* Ports stay in file order (the order of a node's inputs); port_ids is sorted per layer. */
static hln_ov__port *hln_ov__find_port(hln_ov__port *ports, const hln_ov__pid *ids, const hln_ov__layer *l, uint64_t id) {
    int64_t k = hln_ov__find(ids, l->first_port, l->first_port + l->n_ports, id);
    return k >= 0 ? &ports[k] : NULL;
}

/* Dims of a port -> a shape (arena). */
static hln_result hln_ov__port_shape(hln_ov__rd *r, int32_t port, hln_shape *out, const char *path) {
    int32_t c;
    uint32_t n = 0, k = 0;
    for (c = r->x.el[port].first_child; c >= 0; c = r->x.el[c].next) if (hln_ov__is(&r->x, r->x.el[c].name, "dim")) n++;
    if (n > HLN_MAX_DIMS) return hln_ov__fail(r, HLN_ERR_LIMIT, port, path, "%s", "a port has more dims than HLN_MAX_DIMS");
    out->rank = (int32_t)n;
    out->dims = (hln_dim *)hln_arena_array(&r->m->arena, (uint64_t)n + 1, sizeof(hln_dim));
    if (!out->dims) return hln_ov__nomem(r);
    for (c = r->x.el[port].first_child; c >= 0; c = r->x.el[c].next) {
        int64_t neg;
        uint64_t v;
        if (!hln_ov__is(&r->x, r->x.el[c].name, "dim")) continue;
        if (!hln_ov__int(r, &r->x.el[c].text, &neg, &v) || (neg && v != 1) || v > (uint64_t)INT64_MAX)
            return hln_ov__fail(r, HLN_ERR_RANGE, c, path, "%s", "a <dim> must be a non-negative integer or -1");
        out->dims[k].value = neg ? -1 : (int64_t)v;
        out->dims[k++].param = NULL;
    }
    return HLN_OK;
}

typedef struct hln_ov__g {   /* one graph (top level or a body) while it is built */
    hln_ov__layer *layers;
    hln_ov__pid   *layer_ids;  /* id -> index into layers, sorted */
    hln_ov__port  *ports;
    hln_ov__pid   *port_ids;   /* per layer [first_port, first_port + n_ports), sorted by id */
    uint32_t       n_layers, n_ports, cap_ports;
    uint64_t       n_edges;
} hln_ov__g;

static void hln_ov__g_free(hln_ov__rd *r, hln_ov__g *g) {
    if (g->layers) hln_allocator_free(&r->x.alloc, g->layers);
    if (g->layer_ids) hln_allocator_free(&r->x.alloc, g->layer_ids);
    if (g->ports) hln_allocator_free(&r->x.alloc, g->ports);
    if (g->port_ids) hln_allocator_free(&r->x.alloc, g->port_ids);
}

static const char *const hln_ov__layer_children[] = { "data", "input", "output", "rt_info", "port_map", "then_port_map",
                                                      "else_port_map", "back_edges", "body", "then_body", "else_body" };

/* Layers and their ports of one <layers> element, ids checked unique. */
static hln_result hln_ov__collect(hln_ov__rd *r, hln_ov__g *g, int32_t layers_el, const char *path) {
    int32_t c, p, q;
    uint32_t n = 0, i;
    hln_result res;
    for (c = r->x.el[layers_el].first_child; c >= 0; c = r->x.el[c].next) {
        if (!hln_ov__is(&r->x, r->x.el[c].name, "layer")) return hln_ov__fail(r, HLN_ERR_SYNTAX, c, path, "%s", "<layers> may hold only <layer> elements");
        n++;
    }
    g->layers = (hln_ov__layer *)hln_allocator_alloc(&r->x.alloc, ((size_t)n + 1) * sizeof *g->layers);
    g->layer_ids = (hln_ov__pid *)hln_allocator_alloc(&r->x.alloc, ((size_t)n + 1) * sizeof *g->layer_ids);
    if (!g->layers || !g->layer_ids) return hln_ov__nomem(r);
    for (c = r->x.el[layers_el].first_child; c >= 0; c = r->x.el[c].next) {
        hln_ov__layer *l = &g->layers[g->n_layers];
        l->el = c;
        l->index = g->n_layers;
        if ((res = hln_ov__u64_attr(r, c, "id", &l->id, path)) != HLN_OK) return res;
        if (!hln_ov__attr(&r->x, c, "type") || !hln_ov__attr(&r->x, c, "name"))
            return hln_ov__fail(r, HLN_ERR_SYNTAX, c, path, "%s", "a layer needs name and type attributes");
        l->first_port = g->n_ports;
        for (p = r->x.el[c].first_child; p >= 0; p = r->x.el[p].next) {
            int known = 0, io;
            size_t k;
            for (k = 0; k < sizeof hln_ov__layer_children / sizeof hln_ov__layer_children[0]; k++)
                if (hln_ov__is(&r->x, r->x.el[p].name, hln_ov__layer_children[k])) known = 1;
            if (!known) return hln_ov__fail(r, HLN_ERR_SYNTAX, p, path, "%s", "unknown element inside a <layer>");
            io = hln_ov__is(&r->x, r->x.el[p].name, "input") ? 1 : hln_ov__is(&r->x, r->x.el[p].name, "output") ? 2 : 0;
            if (!io) continue;
            for (q = r->x.el[p].first_child; q >= 0; q = r->x.el[q].next) {
                hln_ov__port *pt;
                if (!hln_ov__is(&r->x, r->x.el[q].name, "port")) return hln_ov__fail(r, HLN_ERR_SYNTAX, q, path, "%s", "<input>/<output> may hold only <port>");
                if (!hln_ov__grow(&r->x.alloc, (void **)&g->ports, &g->cap_ports, g->n_ports, sizeof *g->ports)) return hln_ov__nomem(r);
                pt = &g->ports[g->n_ports];
                memset(pt, 0, sizeof *pt);
                pt->el = q;
                pt->value = -1;
                pt->output = io == 2;
                if ((res = hln_ov__u64_attr(r, q, "id", &pt->id, path)) != HLN_OK) return res;
                g->n_ports++;
            }
        }
        l->n_ports = g->n_ports - l->first_port;
        g->n_layers++;
    }
    g->port_ids = (hln_ov__pid *)hln_allocator_alloc(&r->x.alloc, ((size_t)g->n_ports + 1) * sizeof *g->port_ids);
    if (!g->port_ids) return hln_ov__nomem(r);
    for (i = 0; i < g->n_ports; i++) { g->port_ids[i].id = g->ports[i].id; g->port_ids[i].slot = i; }
    for (i = 0; i < g->n_layers; i++) {
        const hln_ov__layer *l = &g->layers[i];
        uint32_t k;
        if (l->n_ports > 1) qsort(g->port_ids + l->first_port, l->n_ports, sizeof *g->port_ids, hln_ov__pid_cmp);
        for (k = 1; k < l->n_ports; k++)
            if (g->port_ids[l->first_port + k].id == g->port_ids[l->first_port + k - 1].id)
                return hln_ov__fail(r, HLN_ERR_DUPLICATE, g->ports[g->port_ids[l->first_port + k].slot].el, path, "%s", "two ports of a layer have the same id");
    }
    for (i = 0; i < g->n_layers; i++) { g->layer_ids[i].id = g->layers[i].id; g->layer_ids[i].slot = i; }
    if (g->n_layers > 1) qsort(g->layer_ids, g->n_layers, sizeof *g->layer_ids, hln_ov__pid_cmp);
    for (i = 1; i < g->n_layers; i++)
        if (g->layer_ids[i].id == g->layer_ids[i - 1].id) {
            char msg[64];
            snprintf(msg, sizeof msg, "duplicate layer id %llu", (unsigned long long)g->layer_ids[i].id);
            return hln_ov__fail(r, HLN_ERR_DUPLICATE, g->layers[g->layer_ids[i].slot].el, path, "%s", msg);
        }
    return HLN_OK;
}

typedef struct hln_ov__edge { uint32_t from, to; int32_t from_port, to_port; } hln_ov__edge;

/* Edges checked; returns them resolved to layer indices and port slots. */
static hln_result hln_ov__edges(hln_ov__rd *r, hln_ov__g *g, int32_t edges_el, hln_ov__edge **out, const char *path) {
    int32_t c;
    uint32_t n = 0;
    hln_ov__edge *e;
    hln_result res;
    *out = NULL;
    if (edges_el < 0) return HLN_OK;
    for (c = r->x.el[edges_el].first_child; c >= 0; c = r->x.el[c].next) {
        if (!hln_ov__is(&r->x, r->x.el[c].name, "edge")) return hln_ov__fail(r, HLN_ERR_SYNTAX, c, path, "%s", "<edges> may hold only <edge> elements");
        n++;
    }
    e = (hln_ov__edge *)hln_allocator_alloc(&r->x.alloc, ((size_t)n + 1) * sizeof *e);
    if (!e) return hln_ov__nomem(r);
    *out = e;
    for (c = r->x.el[edges_el].first_child; c >= 0; c = r->x.el[c].next, e++) {
        uint64_t fl, fp, tl, tp;
        int64_t ai, bi;
        hln_ov__layer *a, *b;
        hln_ov__port *pa, *pb;
        char msg[128];
        if ((res = hln_ov__u64_attr(r, c, "from-layer", &fl, path)) != HLN_OK || (res = hln_ov__u64_attr(r, c, "from-port", &fp, path)) != HLN_OK ||
            (res = hln_ov__u64_attr(r, c, "to-layer", &tl, path)) != HLN_OK || (res = hln_ov__u64_attr(r, c, "to-port", &tp, path)) != HLN_OK)
            return res;
        ai = hln_ov__find(g->layer_ids, 0, g->n_layers, fl);
        bi = hln_ov__find(g->layer_ids, 0, g->n_layers, tl);
        a = ai >= 0 ? &g->layers[ai] : NULL;
        b = bi >= 0 ? &g->layers[bi] : NULL;
        if (!a || !b) {
            snprintf(msg, sizeof msg, "edge references a nonexistent layer (id %llu)", (unsigned long long)(a ? tl : fl));
            return hln_ov__fail(r, HLN_ERR_LAYOUT, c, path, "%s", msg);
        }
        pa = hln_ov__find_port(g->ports, g->port_ids, a, fp);
        pb = hln_ov__find_port(g->ports, g->port_ids, b, tp);
        if (!pa || !pa->output || !pb || pb->output) {
            snprintf(msg, sizeof msg, "edge references a nonexistent port (%s port %llu of layer %llu)", !pa || !pa->output ? "output" : "input",
                     (unsigned long long)(!pa || !pa->output ? fp : tp), (unsigned long long)(!pa || !pa->output ? fl : tl));
            return hln_ov__fail(r, HLN_ERR_LAYOUT, c, path, "%s", msg);
        }
        if (pb->fed) return hln_ov__fail(r, HLN_ERR_DUPLICATE, c, path, "%s", "two edges feed one input port");
        pb->fed = 1;
        e->from = a->index;
        e->to = b->index;
        e->from_port = (int32_t)(pa - g->ports);
        e->to_port = (int32_t)(pb - g->ports);
    }
    g->n_edges = n;
    return HLN_OK;
}

/* Kahn's algorithm over the layers: a layer left over sits on a cycle. */
static hln_result hln_ov__acyclic(hln_ov__rd *r, hln_ov__g *g, const hln_ov__edge *e, const char *path) {
    uint32_t *indeg = (uint32_t *)hln_allocator_alloc(&r->x.alloc, ((size_t)g->n_layers + 1) * sizeof(uint32_t));
    uint32_t *queue = (uint32_t *)hln_allocator_alloc(&r->x.alloc, ((size_t)g->n_layers + 1) * sizeof(uint32_t));
    uint32_t *start = (uint32_t *)hln_allocator_alloc(&r->x.alloc, ((size_t)g->n_layers + 2) * sizeof(uint32_t));
    uint32_t *adj = (uint32_t *)hln_allocator_alloc(&r->x.alloc, ((size_t)g->n_edges + 1) * sizeof(uint32_t));
    uint32_t i, head = 0, tail = 0, k;
    hln_result res = HLN_OK;
    if (!indeg || !queue || !start || !adj) res = hln_ov__nomem(r);
    else {
        memset(indeg, 0, (size_t)g->n_layers * sizeof *indeg);
        memset(start, 0, ((size_t)g->n_layers + 2) * sizeof *start);
        for (k = 0; k < g->n_edges; k++) { indeg[e[k].to]++; start[e[k].from + 2]++; }
        for (i = 0; i < g->n_layers; i++) start[i + 2] += start[i + 1];
        for (k = 0; k < g->n_edges; k++) adj[start[e[k].from + 1]++] = e[k].to;
        for (i = 0; i < g->n_layers; i++) if (!indeg[i]) queue[tail++] = i;
        while (head < tail) {
            uint32_t l = queue[head++];
            for (k = start[l]; k < start[l + 1]; k++) if (--indeg[adj[k]] == 0) queue[tail++] = adj[k];
        }
        if (tail != g->n_layers) {
            for (i = 0; i < g->n_layers && !indeg[i]; i++) {}
            res = hln_ov__fail(r, HLN_ERR_LAYOUT, i < g->n_layers ? g->layers[i].el : -1, path, "%s", "the graph has a cycle");
        }
    }
    if (indeg) hln_allocator_free(&r->x.alloc, indeg);
    if (queue) hln_allocator_free(&r->x.alloc, queue);
    if (start) hln_allocator_free(&r->x.alloc, start);
    if (adj) hln_allocator_free(&r->x.alloc, adj);
    return res;
}

static hln_result hln_ov__graph(hln_ov__rd *r, int32_t container, uint32_t depth, hln_graph *parent, int32_t owner,
                                hln_ov__consts *top, hln_graph **out);

/* The port_map / back_edges of a TensorIterator or Loop (or If's then/else maps) against the
   layer's own ports and the body's layers. */
/* (id attribute -> element) of every child of parent, sorted; NULL on no memory. */
static hln_ov__pid *hln_ov__index(hln_ov__rd *r, int32_t parent, const char *attr, uint32_t *n_out) {
    uint32_t n = 0;
    int32_t c;
    hln_ov__pid *ids;
    for (c = parent >= 0 ? r->x.el[parent].first_child : -1; c >= 0; c = r->x.el[c].next) n++;
    ids = (hln_ov__pid *)hln_allocator_alloc(&r->x.alloc, ((size_t)n + 1) * sizeof *ids);
    if (!ids) return NULL;
    for (n = 0, c = parent >= 0 ? r->x.el[parent].first_child : -1; c >= 0; c = r->x.el[c].next) {
        const hln_ov__span *s = hln_ov__attr(&r->x, c, attr);
        int64_t neg;
        if (s && hln_ov__int(r, s, &neg, &ids[n].id) && !neg) ids[n++].slot = (uint32_t)c;
    }
    if (n > 1) qsort(ids, n, sizeof *ids, hln_ov__pid_cmp);
    *n_out = n;
    return ids;
}

/* The port_map / back_edges entries of map against the layer's ports and the body's layer ids. */
static hln_result hln_ov__check_entries(hln_ov__rd *r, int32_t map, const hln_ov__pid *ids, uint32_t n_ids, const hln_ov__g *outer,
                                        const hln_ov__layer *l, const char *path) {
    int back = map >= 0 && hln_ov__is(&r->x, r->x.el[map].name, "back_edges");
    int32_t c;
    for (c = map >= 0 ? r->x.el[map].first_child : -1; c >= 0; c = r->x.el[c].next) {
        int64_t neg;
        uint64_t v;
        if (back) {   /* both ends are body layers */
            const char *ends[2] = { "from-layer", "to-layer" };
            int k;
            for (k = 0; k < 2; k++) {
                const hln_ov__span *id = hln_ov__attr(&r->x, c, ends[k]);
                if (!id || !hln_ov__int(r, id, &neg, &v) || neg) return hln_ov__fail(r, HLN_ERR_SYNTAX, c, path, "%s", "a back edge needs from-layer and to-layer ids");
                if (hln_ov__find(ids, 0, n_ids, v) < 0) return hln_ov__fail(r, HLN_ERR_LAYOUT, c, path, "%s", "a back edge references a layer the body does not have");
            }
            continue;
        }
        {
            const hln_ov__span *ext = hln_ov__attr(&r->x, c, "external_port_id"), *in = hln_ov__attr(&r->x, c, "internal_layer_id");
            if (!ext || !in || !hln_ov__int(r, ext, &neg, &v))
                return hln_ov__fail(r, HLN_ERR_SYNTAX, c, path, "%s", "a port_map entry needs external_port_id and internal_layer_id");
            if (!neg && !hln_ov__find_port(outer->ports, outer->port_ids, l, v))   /* -1: Loop's iteration counter / condition */
                return hln_ov__fail(r, HLN_ERR_LAYOUT, c, path, "%s", "a port_map entry names a port the layer does not have");
            if (!hln_ov__int(r, in, &neg, &v) || neg || hln_ov__find(ids, 0, n_ids, v) < 0)
                return hln_ov__fail(r, HLN_ERR_LAYOUT, c, path, "%s", "a port_map entry names a layer the body does not have");
        }
    }
    return HLN_OK;
}

/* The port map (and for k == 0 the back edges) of a body, against the body's sorted layer ids. */
static hln_result hln_ov__check_map(hln_ov__rd *r, int32_t map, int32_t back_edges, int32_t body_layers, const hln_ov__g *outer,
                                    const hln_ov__layer *l, const char *path) {
    uint32_t n = 0;
    hln_ov__pid *ids = hln_ov__index(r, body_layers, "id", &n);
    hln_result res;
    if (!ids) return hln_ov__nomem(r);
    res = hln_ov__check_entries(r, map, ids, n, outer, l, path);
    if (res == HLN_OK && back_edges >= 0) res = hln_ov__check_entries(r, back_edges, ids, n, outer, l, path);
    hln_allocator_free(&r->x.alloc, ids);
    return res;
}

static int hln_ov__is_type(const hln_ov__rd *r, const hln_ov__layer *l, const char *type);
static int64_t hln_ov__int_attr(const hln_ov__rd *r, int32_t el, const char *name, int64_t def) {
    const hln_ov__span *s = hln_ov__attr(&r->x, el, name);
    int64_t neg;
    uint64_t v;
    if (!s || !hln_ov__int(r, s, &neg, &v) || v > (uint64_t)INT64_MAX) return def;
    return neg ? -(int64_t)v : (int64_t)v;
}

/* A TensorIterator's iteration count: the sliced length of its first iterated input over
   part_size (port_map axis/start/end), as an INT attribute "iterations" (-1 unknown). */
static void hln_ov__iterations(hln_ov__rd *r, const hln_ov__g *g, const hln_ov__layer *l, hln_attr *out) {
    int32_t map = hln_ov__child(&r->x, l->el, "port_map"), c;
    out->name = "iterations";
    out->type = HLN_ATTR_INT;
    out->i = -1;
    for (c = map >= 0 ? r->x.el[map].first_child : -1; c >= 0; c = r->x.el[c].next) {
        int64_t axis = hln_ov__int_attr(r, c, "axis", -1), ext = hln_ov__int_attr(r, c, "external_port_id", -1);
        int64_t start = hln_ov__int_attr(r, c, "start", 0), end = hln_ov__int_attr(r, c, "end", -1), part = hln_ov__int_attr(r, c, "part_size", 1);
        const hln_ov__port *p;
        hln_shape sh;
        int64_t len;
        if (!hln_ov__is(&r->x, r->x.el[c].name, "input") || axis < 0 || ext < 0 || part <= 0) continue;
        p = hln_ov__find_port(g->ports, g->port_ids, l, (uint64_t)ext);
        if (!p || hln_ov__port_shape(r, p->el, &sh, "port_map") != HLN_OK || axis >= sh.rank || sh.dims[axis].value < 0) return;
        len = sh.dims[axis].value;
        if (start < 0) start += len;
        if (end < 0) end += len + 1;
        if (start < 0 || end < 0 || start > len || end > len) return;
        out->i = (end > start ? end - start : start - end) / part;
        return;
    }
}

/* Bodies of a layer (TensorIterator/Loop body, If then/else) -> GRAPH attributes. */
static hln_result hln_ov__bodies(hln_ov__rd *r, hln_ov__g *g, const hln_ov__layer *l, uint32_t depth, hln_graph *graph,
                                 hln_node *node, uint32_t *attr, const char *path) {
    static const char *const names[3][2] = { {"body", "port_map"}, {"then_body", "then_port_map"}, {"else_body", "else_port_map"} };
    int k;
    hln_result res;
    for (k = 0; k < 3; k++) {
        int32_t b = hln_ov__child(&r->x, l->el, names[k][0]);
        hln_graph *sub;
        hln_attr *a;
        if (b < 0) continue;
        if (depth + 1 > HLN_OV_MAX_BODY_DEPTH)
            return hln_ov__fail(r, HLN_ERR_LIMIT, b, path, "%s", "bodies nested deeper than HLN_OV_MAX_BODY_DEPTH");
        if ((res = hln_ov__check_map(r, hln_ov__child(&r->x, l->el, names[k][1]), k == 0 ? hln_ov__child(&r->x, l->el, "back_edges") : -1,
                                     hln_ov__child(&r->x, b, "layers"), g, l, path)) != HLN_OK) return res;
        if ((res = hln_ov__graph(r, b, depth + 1, graph, l->el, &r->consts_all, &sub)) != HLN_OK) return res;
        r->bodies++;
        if (depth + 1 > r->max_depth) r->max_depth = depth + 1;
        a = &node->attrs[(*attr)++];
        a->name = names[k][0];
        a->type = HLN_ATTR_GRAPH;
        a->count = 1;
        a->graphs = (hln_graph **)hln_arena_alloc(&r->m->arena, sizeof(hln_graph *));
        if (!a->graphs) return hln_ov__nomem(r);
        a->graphs[0] = sub;
        if (k == 0 && hln_ov__is_type(r, l, "TensorIterator")) hln_ov__iterations(r, g, l, &node->attrs[(*attr)++]);
    }
    return HLN_OK;
}

static hln_dtype hln_ov__port_dtype(hln_ov__rd *r, int32_t port) {
    const hln_ov__etype *et = hln_ov__etype_of(r, hln_ov__attr(&r->x, port, "precision"), 1);
    return et ? et->dtype : HLN_DTYPE_UNKNOWN;
}

static int hln_ov__is_type(const hln_ov__rd *r, const hln_ov__layer *l, const char *type) {
    const hln_ov__span *t = hln_ov__attr(&r->x, l->el, "type");
    return t && hln_ov__is(&r->x, *t, type);
}

/* One graph: container holds <layers> and <edges> (<net> or a body). */
static hln_result hln_ov__graph(hln_ov__rd *r, int32_t container, uint32_t depth, hln_graph *parent, int32_t owner,
                                hln_ov__consts *top, hln_graph **out) {
    hln_ov__g g;
    hln_ov__edge *edges = NULL;
    hln_graph *gr;
    hln_result res;
    int32_t layers_el = hln_ov__child(&r->x, container, "layers"), edges_el = hln_ov__child(&r->x, container, "edges");
    uint32_t i, k, n_nodes = 0, n_values = 0, n_in = 0, n_out = 0;
    const char *path = depth ? "body" : "net";
    (void)owner;
    memset(&g, 0, sizeof g);
    if (layers_el < 0) return hln_ov__fail(r, HLN_ERR_SYNTAX, container, path, "%s", "no <layers>");
    if ((res = hln_ov__collect(r, &g, layers_el, path)) != HLN_OK) goto done;
    if ((res = hln_ov__edges(r, &g, edges_el, &edges, path)) != HLN_OK) goto done;
    if ((res = hln_ov__acyclic(r, &g, edges, path)) != HLN_OK) goto done;
    r->layers_all += g.n_layers;
    r->edges_all += g.n_edges;
    gr = (hln_graph *)hln_arena_alloc(&r->m->arena, sizeof *gr);
    if (!gr) { res = hln_ov__nomem(r); goto done; }
    gr->parent = parent;
    gr->depth = depth;
    gr->name = hln_ov__dup(r, depth ? NULL : hln_ov__attr(&r->x, container, "name"));
    for (i = 0; i < g.n_ports; i++) if (g.ports[i].output) n_values++;
    for (i = 0; i < g.n_layers; i++) {
        const hln_ov__layer *l = &g.layers[i];
        if (hln_ov__is_type(r, l, "Parameter")) n_in++;
        else if (hln_ov__is_type(r, l, "Result")) n_out++;
        else if (!hln_ov__is_type(r, l, "Const")) n_nodes++;
    }
    gr->values = (hln_value *)hln_arena_array(&r->m->arena, (uint64_t)n_values + 1, sizeof(hln_value));
    gr->nodes = (hln_node *)hln_arena_array(&r->m->arena, (uint64_t)n_nodes + 1, sizeof(hln_node));
    gr->inputs = (int32_t *)hln_arena_array(&r->m->arena, (uint64_t)n_in + 1, sizeof(int32_t));
    gr->outputs = (int32_t *)hln_arena_array(&r->m->arena, (uint64_t)n_out + 1, sizeof(int32_t));
    if (!gr->values || !gr->nodes || !gr->inputs || !gr->outputs) { res = hln_ov__nomem(r); goto done; }
    /* values: one per output port */
    for (i = 0; i < g.n_layers; i++) {
        const hln_ov__layer *l = &g.layers[i];
        const char *lname = hln_ov__dup(r, hln_ov__attr(&r->x, l->el, "name"));
        const hln_ov__span *type = hln_ov__attr(&r->x, l->el, "type"), *version = hln_ov__attr(&r->x, l->el, "version");
        uint32_t outs = 0;
        int32_t tensor = -1;
        if (!lname) { res = hln_ov__nomem(r); goto done; }
        if (!hln_ov__count_span(r, &r->ops_all, type) || !hln_ov__count_span(r, &r->versions, version) ||
            !hln_ov__count(r, &r->type_versions, r->x.s + type->off, type->len, version ? r->x.s + version->off : "", version ? version->len : 0)) {
            res = hln_ov__nomem(r); goto done;
        }
        if (hln_ov__child(&r->x, l->el, "rt_info") >= 0) r->rt_layers++;
        if (hln_ov__is_type(r, l, "Const") && (res = hln_ov__const(r, l->el, lname, depth > 0, top, &tensor)) != HLN_OK) goto done;
        for (k = 0; k < l->n_ports; k++) if (g.ports[l->first_port + k].output) outs++;
        for (k = 0; k < l->n_ports; k++) {
            hln_ov__port *p = &g.ports[l->first_port + k];
            hln_value *v;
            if (!p->output) continue;
            p->value = (int32_t)gr->n_values++;
            v = &gr->values[p->value];
            if (outs == 1) v->name = lname;
            else {
                size_t ln = strlen(lname);
                char *nm = (char *)hln_arena_alloc(&r->m->arena, ln + 24);
                if (!nm) { res = hln_ov__nomem(r); goto done; }
                snprintf(nm, ln + 24, "%s:%llu", lname, (unsigned long long)p->id);
                v->name = nm;
            }
            v->dtype = hln_ov__port_dtype(r, p->el);
            if ((res = hln_ov__port_shape(r, p->el, &v->shape, lname)) != HLN_OK) goto done;
            v->tensor = tensor;
            v->producer = -1;
            v->outer = -1;
            if (tensor >= 0 && v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = r->m->tensors[tensor].dtype;
        }
        if (hln_ov__is_type(r, l, "Parameter")) {
            for (k = 0; k < l->n_ports; k++) if (g.ports[l->first_port + k].output) { gr->inputs[gr->n_inputs++] = g.ports[l->first_port + k].value; break; }
        }
    }
    /* an input port's value: the output port of its edge */
    {
        int32_t *feed = (int32_t *)hln_allocator_alloc(&r->x.alloc, ((size_t)g.n_ports + 1) * sizeof(int32_t));
        if (!feed) { res = hln_ov__nomem(r); goto done; }
        for (i = 0; i < g.n_ports; i++) feed[i] = -1;
        for (i = 0; i < g.n_edges; i++) feed[edges[i].to_port] = g.ports[edges[i].from_port].value;
        for (i = 0; i < g.n_layers && res == HLN_OK; i++) {
            const hln_ov__layer *l = &g.layers[i];
            hln_node *n;
            uint32_t ins = 0, outs = 0, n_attrs = 0, a;
            int32_t data = hln_ov__child(&r->x, l->el, "data");
            if (hln_ov__is_type(r, l, "Parameter") || hln_ov__is_type(r, l, "Const")) continue;
            if (hln_ov__is_type(r, l, "Result")) {
                for (k = 0; k < l->n_ports; k++)
                    if (!g.ports[l->first_port + k].output) { gr->outputs[gr->n_outputs++] = feed[l->first_port + k]; break; }
                continue;
            }
            n = &gr->nodes[gr->n_nodes];
            n->name = hln_ov__dup(r, hln_ov__attr(&r->x, l->el, "name"));
            n->op_type = hln_ov__dup(r, hln_ov__attr(&r->x, l->el, "type"));
            {   /* opsetN types are OpenVINO's own; "extension" (or any other version) names a custom op */
                const hln_ov__span *ver = hln_ov__attr(&r->x, l->el, "version");
                n->domain = !ver || (ver->len > 5 && memcmp(r->x.s + ver->off, "opset", 5) == 0) ? "openvino" : "openvino.extension";
            }
            if (!n->name || !n->op_type) { res = hln_ov__nomem(r); break; }
            for (k = 0; k < l->n_ports; k++) { if (g.ports[l->first_port + k].output) outs++; else ins++; }
            n->inputs = (int32_t *)hln_arena_array(&r->m->arena, (uint64_t)ins + 1, sizeof(int32_t));
            n->outputs = (int32_t *)hln_arena_array(&r->m->arena, (uint64_t)outs + 1, sizeof(int32_t));
            if (data >= 0) n_attrs = r->x.el[data].n_attrs;
            for (k = 0; k < 3; k++) if (hln_ov__child(&r->x, l->el, k == 0 ? "body" : k == 1 ? "then_body" : "else_body") >= 0) n_attrs++;
            n_attrs++;   /* TensorIterator: iterations */
            n->attrs = (hln_attr *)hln_arena_array(&r->m->arena, (uint64_t)n_attrs + 1, sizeof(hln_attr));
            if (!n->inputs || !n->outputs || !n->attrs) { res = hln_ov__nomem(r); break; }
            for (k = 0; k < l->n_ports; k++) {
                const hln_ov__port *p = &g.ports[l->first_port + k];
                if (p->output) { n->outputs[n->n_outputs++] = p->value; gr->values[p->value].producer = (int32_t)gr->n_nodes; }
                else n->inputs[n->n_inputs++] = feed[l->first_port + k];
            }
            for (a = 0; data >= 0 && a < r->x.el[data].n_attrs; a++) {
                const hln_ov__xattr *xa = &r->x.at[r->x.el[data].first_attr + a];
                hln_attr *ha = &n->attrs[n->n_attrs++];
                ha->name = hln_ov__dup(r, &xa->name);
                ha->type = HLN_ATTR_STRING;
                ha->s.ptr = hln_ov__dup(r, &xa->value);
                if (!ha->name || !ha->s.ptr) { res = hln_ov__nomem(r); break; }
                ha->s.len = strlen(ha->s.ptr);
            }
            if (res == HLN_OK && hln_ov__is_type(r, l, "Convert")) {
                int32_t rt = hln_ov__child(&r->x, l->el, "rt_info"), c;
                for (c = rt >= 0 ? r->x.el[rt].first_child : -1; c >= 0; c = r->x.el[c].next) {
                    const hln_ov__span *nm = hln_ov__attr(&r->x, c, "name");
                    if (nm && hln_ov__is(&r->x, *nm, "decompression")) { r->decompression++; break; }
                }
            }
            if (res == HLN_OK) res = hln_ov__bodies(r, &g, l, depth, gr, n, &n->n_attrs, n->name);
            gr->n_nodes++;
        }
        hln_allocator_free(&r->x.alloc, feed);
    }
    *out = gr;
done:
    if (edges) hln_allocator_free(&r->x.alloc, edges);
    hln_ov__g_free(r, &g);
    return res;
}

/* ---- facts ------------------------------------------------------------------------------ */
static int hln_ov__hist_cmp(const void *a, const void *b) {
    const hln_ov__hist *x = (const hln_ov__hist *)a, *y = (const hln_ov__hist *)b;
    uint32_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    if (c) return c;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    n = x->len2 < y->len2 ? x->len2 : y->len2;
    c = n ? memcmp(x->key2, y->key2, n) : 0;
    return c ? c : x->len2 < y->len2 ? -1 : x->len2 > y->len2;
}
static void hln_ov__sort(hln_ov__hists *h) { if (h->n > 1) qsort(h->h, h->n, sizeof *h->h, hln_ov__hist_cmp); }
static void hln_ov__jw_hist(hln_jw *w, const char *key, hln_ov__hists *h) {
    uint32_t i;
    hln_ov__sort(h);
    hln_jw_key(w, key);
    hln_jw_open(w, '{');
    for (i = 0; i < h->n; i++) {
        hln_jw_keyn(w, h->h[i].key, h->h[i].len);
        hln_jw_u64(w, h->h[i].count);
    }
    hln_jw_close(w, '}');
}

static void hln_ov__jw_consts(hln_jw *w, const char *key, hln_ov__consts *c) {
    uint32_t i;
    hln_jw_key(w, key);
    hln_jw_open(w, '{');
    hln_jw_key(w, "count"); hln_jw_u64(w, c->count);
    hln_jw_key(w, "elements"); hln_jw_u64(w, c->elements);
    hln_jw_key(w, "bytes"); hln_jw_u64(w, c->bytes);
    hln_jw_key(w, "by_element_type");
    hln_jw_open(w, '{');
    for (i = 0; i < c->by_type.n; i++) {
        hln_jw_keyn(w, c->by_type.h[i].key, c->by_type.h[i].len);
        hln_jw_open(w, '{');
        hln_jw_key(w, "count"); hln_jw_u64(w, c->by_type.h[i].count);
        hln_jw_key(w, "elements"); hln_jw_u64(w, c->by_type.h[i].elements);
        hln_jw_key(w, "bytes"); hln_jw_u64(w, c->by_type.h[i].bytes);
        hln_jw_close(w, '}');
    }
    hln_jw_close(w, '}');
    hln_jw_key(w, "sizes_match_shapes"); hln_jw_raw(w, c->sizes_match ? "true" : "false");
    hln_jw_key(w, "in_bounds"); hln_jw_raw(w, !c->count ? "null" : c->in_bounds ? "true" : "false");
    hln_jw_key(w, "distinct_ranges"); hln_jw_u64(w, c->distinct);
    hln_jw_close(w, '}');
}

/* Comma-separated port names, sorted (a tensor's names are a set). */
typedef struct hln_ov__nm { const char *p; uint32_t n; } hln_ov__nm;
static int hln_ov__nm_cmp(const void *a, const void *b) {
    const hln_ov__nm *x = (const hln_ov__nm *)a, *y = (const hln_ov__nm *)b;
    uint32_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->p, y->p, n);
    return c ? c : x->n < y->n ? -1 : x->n > y->n;
}
static void hln_ov__jw_names(hln_ov__rd *r, hln_jw *w, int32_t port) {
    const hln_ov__span *s = port >= 0 ? hln_ov__attr(&r->x, port, "names") : NULL;
    hln_ov__nm nm[256];
    uint32_t n = 0, i = 0, k;
    hln_jw_open(w, '[');
    if (s && s->len) {
        const char *p = r->x.s + s->off;
        while (i <= s->len && n < 256) {
            uint32_t a = i;
            while (i < s->len && p[i] != ',') i++;
            nm[n].p = p + a;
            nm[n++].n = i - a;
            i++;
        }
        qsort(nm, n, sizeof nm[0], hln_ov__nm_cmp);
        for (k = 0; k < n; k++) {
            hln_ov__span sp;
            char *d;
            sp.off = (uint32_t)(nm[k].p - r->x.s);
            sp.len = nm[k].n;
            d = hln_ov__dup(r, &sp);
            if (d) hln_jw_name(w, d, strlen(d)); else w->failed = 1;
        }
    }
    hln_jw_close(w, ']');
}
/* An attribute's text; name 1: a name of the model (redacted with --redact-names). */
static void hln_ov__jw_text(hln_ov__rd *r, hln_jw *w, const hln_ov__span *s, int name) {
    char *d = s ? hln_ov__dup(r, s) : NULL;
    if (s && !d) w->failed = 1;
    if (name) hln_jw_name(w, d, d ? strlen(d) : 0); else hln_jw_str(w, d, d ? strlen(d) : 0);
}
static void hln_ov__jw_span(hln_ov__rd *r, hln_jw *w, const hln_ov__span *s) { hln_ov__jw_text(r, w, s, 0); }
static void hln_ov__jw_name(hln_ov__rd *r, hln_jw *w, const hln_ov__span *s) { hln_ov__jw_text(r, w, s, 1); }

/* Parameter shape attribute: numbers, null for '?' / -1, text for intervals. */
static void hln_ov__jw_param_shape(hln_ov__rd *r, hln_jw *w, const hln_ov__span *s) {
    uint32_t i = 0;
    if (!s) { hln_jw_raw(w, "null"); return; }
    hln_jw_open(w, '[');
    while (i < s->len) {
        const char *p = r->x.s + s->off;
        hln_ov__span d;
        int64_t neg;
        uint64_t v;
        while (i < s->len && p[i] == ' ') i++;
        d.off = s->off + i;
        while (i < s->len && p[i] != ',') i++;
        d.len = s->off + i - d.off;
        while (d.len && p[d.off - s->off + d.len - 1] == ' ') d.len--;
        i++;
        if (hln_ov__is(&r->x, d, "?") || (hln_ov__int(r, &d, &neg, &v) && neg)) hln_jw_raw(w, "null");
        else if (hln_ov__int(r, &d, &neg, &v)) hln_jw_u64(w, v);
        else hln_ov__jw_span(r, w, &d);
    }
    hln_jw_close(w, ']');
}

static int32_t hln_ov__port_el(const hln_ov__rd *r, int32_t layer, int output, const hln_ov__span *id) {
    int32_t io = hln_ov__child(&r->x, layer, output ? "output" : "input"), p;
    for (p = io >= 0 ? r->x.el[io].first_child : -1; p >= 0; p = r->x.el[p].next) {
        const hln_ov__span *pid = hln_ov__attr(&r->x, p, "id");
        if (!id || (pid && pid->len == id->len && memcmp(r->x.s + pid->off, r->x.s + id->off, id->len) == 0)) return p;
    }
    return -1;
}
static void hln_ov__jw_dims(hln_ov__rd *r, hln_jw *w, int32_t port) {
    int32_t c;
    hln_jw_open(w, '[');
    for (c = port >= 0 ? r->x.el[port].first_child : -1; c >= 0; c = r->x.el[c].next) {
        int64_t neg;
        uint64_t v;
        if (!hln_ov__is(&r->x, r->x.el[c].name, "dim")) continue;
        if (hln_ov__int(r, &r->x.el[c].text, &neg, &v)) { if (neg) hln_jw_i64(w, -(int64_t)v); else hln_jw_u64(w, v); }
    }
    hln_jw_close(w, ']');
}

/* inputs (Parameters) and outputs (Results) of the top graph, in file order. */
static void hln_ov__jw_io(hln_ov__rd *r, hln_jw *w, int32_t net) {
    int32_t layers = hln_ov__child(&r->x, net, "layers"), edges = hln_ov__child(&r->x, net, "edges"), l;
    uint32_t n_layers = 0, n_edges = 0;
    hln_ov__pid *by_id = hln_ov__index(r, layers, "id", &n_layers), *by_to = hln_ov__index(r, edges, "to-layer", &n_edges);
    int pass;
    if (!by_id || !by_to) w->failed = 1;
    for (pass = 0; pass < 2 && by_id && by_to; pass++) {
        hln_jw_key(w, pass ? "outputs" : "inputs");
        hln_jw_open(w, '[');
        for (l = r->x.el[layers].first_child; l >= 0; l = r->x.el[l].next) {
            const hln_ov__span *type = hln_ov__attr(&r->x, l, "type");
            int32_t data = hln_ov__child(&r->x, l, "data");
            if (!hln_ov__is(&r->x, *type, pass ? "Result" : "Parameter")) continue;
            hln_jw_open(w, '{');
            hln_jw_key(w, "name");
            hln_ov__jw_name(r, w, hln_ov__attr(&r->x, l, "name"));
            if (!pass) {
                hln_jw_key(w, "element_type");
                hln_ov__jw_span(r, w, data >= 0 ? hln_ov__attr(&r->x, data, "element_type") : NULL);
                hln_jw_key(w, "shape");
                hln_ov__jw_param_shape(r, w, data >= 0 ? hln_ov__attr(&r->x, data, "shape") : NULL);
                hln_jw_key(w, "tensor_names");
                hln_ov__jw_names(r, w, hln_ov__port_el(r, l, 1, NULL));
            } else {
                int64_t neg;
                uint64_t id, from_id;
                int32_t e = -1, from = -1, from_port = -1;
                if (hln_ov__int(r, hln_ov__attr(&r->x, l, "id"), &neg, &id)) e = (int32_t)hln_ov__find(by_to, 0, n_edges, id);
                if (e >= 0 && hln_ov__int(r, hln_ov__attr(&r->x, e, "from-layer"), &neg, &from_id)) from = (int32_t)hln_ov__find(by_id, 0, n_layers, from_id);
                if (from >= 0) from_port = hln_ov__port_el(r, from, 1, hln_ov__attr(&r->x, e, "from-port"));
                hln_jw_key(w, "from_layer");
                hln_ov__jw_name(r, w, from >= 0 ? hln_ov__attr(&r->x, from, "name") : NULL);
                hln_jw_key(w, "element_type_precision");
                hln_ov__jw_span(r, w, from_port >= 0 ? hln_ov__attr(&r->x, from_port, "precision") : NULL);
                hln_jw_key(w, "shape");
                hln_ov__jw_dims(r, w, hln_ov__port_el(r, l, 0, NULL));
                hln_jw_key(w, "tensor_names");
                hln_ov__jw_names(r, w, from_port);
            }
            hln_jw_close(w, '}');
        }
        hln_jw_close(w, ']');
    }
    if (by_id) hln_allocator_free(&r->x.alloc, by_id);
    if (by_to) hln_allocator_free(&r->x.alloc, by_to);
}

static int hln_ov__range_cmp(const void *a, const void *b) {
    const hln_ov__range *x = (const hln_ov__range *)a, *y = (const hln_ov__range *)b;
    if (x->offset != y->offset) return x->offset < y->offset ? -1 : 1;
    return x->size < y->size ? -1 : x->size > y->size;
}
/* Distinct (offset, size) pairs among ranges[0, n) (sorted in place). */
static uint64_t hln_ov__distinct(hln_ov__range *ranges, uint32_t n) {
    uint64_t d = n ? 1 : 0;
    uint32_t i;
    if (n > 1) qsort(ranges, n, sizeof *ranges, hln_ov__range_cmp);
    for (i = 1; i < n; i++) d += ranges[i].offset != ranges[i - 1].offset || ranges[i].size != ranges[i - 1].size;
    return d;
}

static hln_result hln_ov__facts(hln_ov__rd *r, int32_t net, uint64_t xml_bytes, const char *bin_name, uint64_t top_layers,
                                uint64_t top_edges, hln_ov__hists *ops, hln_ov__consts *consts) {
    hln_jw w;
    uint32_t i, j;
    int32_t rt = hln_ov__child(&r->x, net, "rt_info"), c;
    memset(&w, 0, sizeof w);
    w.alloc = r->x.alloc;
    consts->distinct = hln_ov__distinct(r->ranges, (uint32_t)consts->count);   /* the top level's Consts come first */
    r->consts_all.distinct = hln_ov__distinct(r->ranges, r->n_ranges);
    hln_jw_open(&w, '{');
    hln_jw_key(&w, "xml_bytes"); hln_jw_u64(&w, xml_bytes);
    hln_jw_key(&w, "bin_file"); hln_jw_name(&w, r->have_bin ? bin_name : NULL, bin_name ? strlen(bin_name) : 0);
    hln_jw_key(&w, "bin_bytes"); if (r->have_bin) hln_jw_u64(&w, r->bin_size); else hln_jw_raw(&w, "null");
    hln_jw_key(&w, "ir_version"); hln_jw_u64(&w, r->m->version);
    hln_jw_key(&w, "net_name"); hln_ov__jw_name(r, &w, hln_ov__attr(&r->x, net, "name"));
    hln_jw_key(&w, "layers"); hln_jw_u64(&w, top_layers);
    hln_jw_key(&w, "layers_all"); hln_jw_u64(&w, r->layers_all);
    hln_jw_key(&w, "edges"); hln_jw_u64(&w, top_edges);
    hln_jw_key(&w, "edges_all"); hln_jw_u64(&w, r->edges_all);
    hln_jw_key(&w, "bodies"); hln_jw_u64(&w, r->bodies);
    hln_jw_key(&w, "max_body_depth"); hln_jw_u64(&w, r->max_depth);
    hln_ov__jw_hist(&w, "ops", ops);
    hln_ov__jw_hist(&w, "ops_all", &r->ops_all);
    hln_ov__jw_hist(&w, "op_versions_all", &r->versions);
    hln_ov__sort(&r->type_versions);
    hln_jw_key(&w, "op_type_versions");
    hln_jw_open(&w, '{');
    for (i = 0; i < r->type_versions.n; i = j) {
        hln_jw_keyn(&w, r->type_versions.h[i].key, r->type_versions.h[i].len);
        hln_jw_open(&w, '[');
        for (j = i; j < r->type_versions.n && r->type_versions.h[j].len == r->type_versions.h[i].len &&
                    memcmp(r->type_versions.h[j].key, r->type_versions.h[i].key, r->type_versions.h[i].len) == 0; j++)
            hln_jw_str(&w, r->type_versions.h[j].key2, r->type_versions.h[j].len2);
        hln_jw_close(&w, ']');
    }
    hln_jw_close(&w, '}');
    hln_ov__jw_io(r, &w, net);
    hln_ov__sort(&consts->by_type);
    hln_ov__jw_consts(&w, "consts", consts);
    hln_ov__sort(&r->consts_all.by_type);
    hln_ov__jw_consts(&w, "consts_all", &r->consts_all);
    hln_jw_key(&w, "layers_with_rt_info"); hln_jw_u64(&w, r->rt_layers);
    hln_jw_key(&w, "net_rt_info");
    if (rt < 0) hln_jw_raw(&w, "null");
    else {
        hln_jw_open(&w, '[');
        for (c = r->x.el[rt].first_child; c >= 0; c = r->x.el[c].next) hln_ov__jw_span(r, &w, &r->x.el[c].name);
        hln_jw_close(&w, ']');
    }
    hln_jw_key(&w, "decompression_converts"); hln_jw_u64(&w, r->decompression);
    hln_jw_close(&w, '}');
    return hln_jw_finish(&w, r->m, r->err);
}

/* ---- entry points ------------------------------------------------------------------------ */
HLN_DEF int hln_ov_detect(const void *data, uint64_t size) {
    const char *s = (const char *)data;
    uint64_t i = 0;
    if (!s) return 0;
    if (size >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF) i = 3;
    for (;;) {
        while (i < size && hln_ov__ws(s[i])) i++;
        if (size - i >= 2 && s[i] == '<' && (s[i + 1] == '?' || s[i + 1] == '!')) {   /* declaration, comment, DOCTYPE */
            if (size - i >= 9 && memcmp(s + i, "<!DOCTYPE", 9) == 0) {   /* past its internal subset: the parser refuses it */
                while (i < size && s[i] != '>' && s[i] != '[') i++;
                if (i < size && s[i] == '[') while (i < size && s[i] != ']') i++;
            }
            while (i < size && s[i] != '>') i++;
            if (i == size) return 0;
            i++;
            continue;
        }
        return size - i >= 5 && memcmp(s + i, "<net", 4) == 0 && (hln_ov__ws(s[i + 4]) || s[i + 4] == '>');
    }
}

static void hln_ov__rd_free(hln_ov__rd *r) {
    hln_ov__hists *h[6];
    int k;
    h[0] = &r->ops_all; h[1] = &r->versions; h[2] = &r->type_versions; h[3] = &r->consts_all.by_type; h[4] = NULL;
    for (k = 0; h[k]; k++) if (h[k]->h) hln_allocator_free(&r->x.alloc, h[k]->h);
    if (r->ranges) hln_allocator_free(&r->x.alloc, r->ranges);
    if (r->x.el) hln_allocator_free(&r->x.alloc, r->x.el);
    if (r->x.at) hln_allocator_free(&r->x.alloc, r->x.at);
}

static hln_result hln_ov__parse_into(hln_ov__rd *r, uint64_t xml_size, const char *bin_name) {
    hln_result res;
    int32_t net;
    uint64_t v;
    hln_ov__consts top;
    hln_ov__hists ops;
    uint32_t i;
    memset(&top, 0, sizeof top);
    memset(&ops, 0, sizeof ops);
    top.sizes_match = top.in_bounds = 1;
    r->consts_all.sizes_match = r->consts_all.in_bounds = 1;
    if ((res = hln_ov__xml(&r->x)) != HLN_OK) return res;
    net = 0;
    if (!hln_ov__is(&r->x, r->x.el[0].name, "net")) return hln_ov__fail(r, HLN_ERR_MAGIC, 0, "xml", "%s", "the root element is not <net>");
    if ((res = hln_ov__u64_attr(r, net, "version", &v, "net")) != HLN_OK) return res;
    if (v < 10 || v > 11) return hln_ov__fail(r, HLN_ERR_VERSION, net, "net", "%s", "IR version must be 10 or 11");
    r->m->format = HLN_FORMAT_OPENVINO;
    r->m->version = (uint32_t)v;
    res = hln_ov__graph(r, net, 0, NULL, -1, &top, &r->m->graph);
    if (res == HLN_OK) {   /* top-level op histogram */
        int32_t layers = hln_ov__child(&r->x, net, "layers"), l, edges = hln_ov__child(&r->x, net, "edges");
        uint64_t n_layers = 0, n_edges = 0;
        for (l = r->x.el[layers].first_child; l >= 0 && res == HLN_OK; l = r->x.el[l].next, n_layers++)
            if (!hln_ov__count_span(r, &ops, hln_ov__attr(&r->x, l, "type"))) res = hln_ov__nomem(r);
        for (l = edges >= 0 ? r->x.el[edges].first_child : -1; l >= 0; l = r->x.el[l].next) n_edges++;
        for (i = 0; i < r->m->n_tensors; i++) r->m->tensors[i].file = r->bin_file;
        if (res == HLN_OK) res = hln_ov__facts(r, net, xml_size, bin_name, n_layers, n_edges, &ops, &top);
    }
    if (ops.h) hln_allocator_free(&r->x.alloc, ops.h);
    if (top.by_type.h) hln_allocator_free(&r->x.alloc, top.by_type.h);
    return res;
}

static hln_result hln_ov__run(const hln_ov_options *opts, hln_model *m, const void *xml, uint64_t xml_size, uint32_t bin_file,
                              const void *bin, uint64_t bin_size, const char *bin_name, hln_error *err) {
    hln_ov__rd r;
    hln_result res;
    memset(&r, 0, sizeof r);
    if (xml_size > HLN_OV_MAX_XML)
        return hln_error_set(err, HLN_ERR_LIMIT, 0, "xml", "the .xml is larger than HLN_OV_MAX_XML (%llu bytes)", (unsigned long long)HLN_OV_MAX_XML);
    if (!hln_utf8_valid((const uint8_t *)xml, xml_size)) return hln_error_set(err, HLN_ERR_UTF8, 0, "xml", "the .xml is not valid UTF-8");
    r.x.s = (const char *)xml;
    r.x.n = (uint32_t)xml_size;
    r.x.err = err;
    if (opts) r.x.alloc = opts->allocator;
    r.m = m;
    r.err = err;
    r.bin = (const uint8_t *)bin;
    r.bin_size = bin_size;
    r.have_bin = bin != NULL || (bin_name && bin_size == 0 && bin_file != UINT32_MAX);
    r.graph_only = opts && opts->graph_only;
    r.bin_file = bin_file == UINT32_MAX ? 0 : bin_file;
    res = hln_ov__parse_into(&r, xml_size, bin_name);
    hln_ov__rd_free(&r);
    return res;
}

HLN_DEF hln_result hln_ov_parse(const hln_ov_options *opts, const void *xml, uint64_t xml_size,
                                const void *bin, uint64_t bin_size, const char *bin_name,
                                hln_model **out, hln_error *err) {
    hln_model *m;
    hln_result r;
    *out = NULL;
    if (!xml && xml_size) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no data");
    if (hln_model_create(opts ? &opts->allocator : NULL, &m) != HLN_OK) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    m->files = (hln_file *)hln_arena_array(&m->arena, 2, sizeof(hln_file));
    if (!m->files) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    m->n_files = bin ? 2 : 1;
    m->files[0].data = (const uint8_t *)xml;
    m->files[0].size = xml_size;
    m->files[0].header_bytes = xml_size;
    m->files[1].data = (const uint8_t *)bin;
    m->files[1].size = bin_size;
    m->files[1].path = bin_name;
    if ((r = hln_ov__run(opts, m, xml, xml_size, bin ? 1 : UINT32_MAX, bin, bin_size, bin_name, err)) != HLN_OK) { hln_model_free(m); return r; }
    *out = m;
    return HLN_OK;
}

#ifndef HLN_NO_STDIO
HLN_DEF hln_result hln_ov_load_file(const hln_ov_options *opts, const char *path, hln_model **out, hln_error *err) {
    const hln_file_io *io = opts ? &opts->io : NULL;
    hln_model *m;
    hln_result r;
    uint32_t xi, bi = UINT32_MAX;
    size_t n = strlen(path), dot = n, base = 0, k;
    char *bin_path;
    *out = NULL;
    for (k = 0; k < n; k++) { if (path[k] == '/' || path[k] == '\\') { base = k + 1; dot = n; } else if (path[k] == '.') dot = k; }
    if (hln_model_create(opts ? &opts->allocator : NULL, &m) != HLN_OK) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if ((r = hln_model_map_file(m, io, path, &xi, err)) != HLN_OK) { hln_model_free(m); return r; }
    bin_path = (char *)hln_arena_alloc(&m->arena, dot + 5);
    if (!bin_path) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    memcpy(bin_path, path, dot);
    memcpy(bin_path + dot, ".bin", 5);
    if (hln_model_map_file(m, io, bin_path, &bi, NULL) == HLN_ERR_NOMEM) {   /* absent: reported when a Const needs it */
        hln_model_free(m);
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    r = hln_ov__run(opts, m, m->files[xi].data, m->files[xi].size, bi, bi != UINT32_MAX ? m->files[bi].data : NULL,
                    bi != UINT32_MAX ? m->files[bi].size : 0, bin_path + base, err);
    if (r != HLN_OK) {
        hln_error_file(err, path);
        if (r == HLN_ERR_PATH && bi == UINT32_MAX && err)
            snprintf(err->message, sizeof err->message, "weights file %.150s is missing (the .xml has Const data; "
                     "read the graph alone with graph_only / --graph-only)", bin_path + base);
        hln_model_free(m);
        return r;
    }
    *out = m;
    return HLN_OK;
}
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_OPENVINO_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  first release: the bounded XML reader, layers, ports, edges, Const views of the
            .bin, bodies, facts.

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
