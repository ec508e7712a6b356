/* Tests of haoline_safetensors.h: the JSON tokenizer, every generated corpus file against its
   .expected.json, the sharded index, every file of bad/, write -> read round trips, hostile
   buffers (truncations, mutations), file loading with config.json and index errors.
   Run from the project root; the corpus is $HAOLINE_CORPUS or ../shared/corpus.
   HLN_ST_VERBOSE=1 prints the error message of each bad file and the parse timing. */
#define _POSIX_C_SOURCE 200809L
#define HAOLINE_IMPLEMENTATION
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_safetensors.h"
#include "test.h"
#include <dirent.h>
#include <unistd.h>

static int verbose(void) { const char *v = getenv("HLN_ST_VERBOSE"); return v && *v && *v != '0'; }

/* ---- helpers ---- */
typedef struct bytes { uint8_t *p; size_t n, cap; } bytes;
static int bytes_write(void *user, const void *p, size_t n) {
    bytes *b = (bytes *)user;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        uint8_t *q;
        while (cap < b->n + n) cap *= 2;
        q = (uint8_t *)realloc(b->p, cap);
        if (!q) return 0;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    return 1;
}

/* A copy of exactly n bytes (no terminator), so ASan sees any read past the end. */
static char *dup_exact(const void *p, size_t n) {
    char *d = (char *)malloc(n ? n : 1);
    if (n) memcpy(d, p, n);
    return d;
}

/* A .safetensors buffer: 8-byte length, header as given, then data_len bytes of data. */
static uint8_t *make_st(const char *header, size_t data_len, size_t *size) {
    size_t h = strlen(header), i;
    uint8_t *b = (uint8_t *)malloc(8 + h + data_len + 1);
    for (i = 0; i < 8; i++) b[i] = (uint8_t)((uint64_t)h >> (8 * i));
    memcpy(b + 8, header, h);
    for (i = 0; i < data_len; i++) b[8 + h + i] = (uint8_t)(i * 7 + 1);
    *size = 8 + h + data_len;
    return b;
}

/* ---- the two parsers: the one-pass fast path (default) and the general tokenizer ----
   Every parse in these tests runs both ways and checks that they agree exactly: the same
   result, the same error (errors always come from the general path), the same model. */
static int same_parse(hln_result ra, const hln_error *ea, const hln_model *a, hln_result rb, const hln_error *eb,
                      const hln_model *b) {
    uint32_t i, d;
    if (ra != rb) return 0;
    if (ra != HLN_OK)
        return ea->byte_offset == eb->byte_offset && strcmp(ea->path, eb->path) == 0 && strcmp(ea->message, eb->message) == 0;
    if (a->n_tensors != b->n_tensors || a->n_kv != b->n_kv || a->n_files != b->n_files) return 0;
    for (i = 0; i < a->n_tensors; i++) {
        const hln_tensor *x = &a->tensors[i], *y = &b->tensors[i];
        if (strcmp(x->name, y->name) != 0 || x->dtype != y->dtype || x->native_type != y->native_type ||
            x->n_dims != y->n_dims || x->n_elements != y->n_elements || x->n_bytes != y->n_bytes ||
            x->offset != y->offset || x->file_offset != y->file_offset || x->file != y->file || x->flags != y->flags ||
            (x->data == NULL) != (y->data == NULL) || !x->dims || !y->dims)
            return 0;
        for (d = 0; d < x->n_dims; d++) if (x->dims[d] != y->dims[d]) return 0;
    }
    for (i = 0; i < a->n_kv; i++) {
        const hln_kv *x = &a->kv[i], *y = &b->kv[i];
        if (strcmp(x->key, y->key) != 0 || x->type != y->type || x->byte_offset != y->byte_offset ||
            x->v.s.len != y->v.s.len || memcmp(x->v.s.ptr, y->v.s.ptr, (size_t)x->v.s.len) != 0)
            return 0;
    }
    for (i = 0; i < a->n_files; i++)
        if (a->files[i].data_offset != b->files[i].data_offset || a->files[i].header_bytes != b->files[i].header_bytes) return 0;
    return 1;
}

static unsigned long fast_vs_reference;   /* parses compared, for the summary test */
static hln_result parse_both(const void *p, size_t n, hln_model **m, hln_error *err) {
    hln_st_options ref;
    hln_model *r = NULL;
    hln_error rerr;
    hln_result a, b;
    memset(&ref, 0, sizeof ref);
    ref.reference_parser = 1;
    memset(err, 0, sizeof *err);
    memset(&rerr, 0, sizeof rerr);
    a = hln_st_parse(NULL, p, n, m, err);
    b = hln_st_parse(&ref, p, n, &r, &rerr);
    T_CHECKF(same_parse(a, err, *m, b, &rerr, r), "fast path and general tokenizer disagree: %s / %s",
             a ? err->message : "ok", b ? rerr.message : "ok");
    fast_vs_reference++;
    hln_model_free(r);
    return a;
}

static hln_result parse_header(const char *header, size_t data_len, hln_model **m, hln_error *err) {
    size_t size;
    uint8_t *b = make_st(header, data_len, &size);
    hln_result r;
    *m = NULL;
    r = parse_both(b, size, m, err);
    if (r == HLN_OK) {
        /* keep the buffer alive with the model: tests only look at metadata, so copy nothing */
        hln_model_free(*m);
        *m = NULL;
    }
    free(b);
    return r;
}

static hln_result json_parse(const char *text, hln_json *j, hln_error *err, char **keep) {
    size_t n = strlen(text);
    hln_allocator a;
    hln_result r;
    memset(&a, 0, sizeof a);
    *keep = dup_exact(text, n);
    r = hln_json_parse(j, &a, *keep, n, HLN_ST_MAX_HEADER, 0, "json", err);
    return r;
}

/* Decodes string token t into buf (capacity >= raw length + 1). */
static const char *jstr(const hln_json *j, uint32_t t, char *buf, size_t cap) {
    size_t n = j->tok[t].end - j->tok[t].start;
    if (j->tok[t].type != HLN_JSON_STRING || n + 1 > cap) return "";
    n = hln_json_unescape(j->text + j->tok[t].start, n, buf);
    buf[n] = 0;
    return buf;
}
static uint64_t ju64(hln_json *j, uint32_t t) {
    uint64_t v = UINT64_MAX;
    if (!t || hln_json_u64(j, t, &v, "", "value") != HLN_OK) return UINT64_MAX - 1;
    return v;
}

static char path_buf[2048];
static const char *corpus_path(const char *rel) {
    snprintf(path_buf, sizeof path_buf, "%s/safetensors/%s", t_corpus(), rel);
    return path_buf;
}

/* ---- JSON tokenizer ---- */
static void test_json_integers(void) {
    hln_json j;
    hln_error err;
    char *keep;
    uint64_t v;
    T_CHECK(json_parse("[0, 1, 9007199254740993, 18446744073709551615, 18446744073709551616, -1, -0, 1.0, 1e3, 1E+3, \"7\", true]",
                       &j, &err, &keep) == HLN_OK);
    if (j.tok) {
        T_EQ_U64(j.tok[0].size, 12);
        T_CHECK(hln_json_u64(&j, 1, &v, "", "x") == HLN_OK && v == 0);
        T_CHECK(hln_json_u64(&j, 2, &v, "", "x") == HLN_OK && v == 1);
        T_CHECK(hln_json_u64(&j, 3, &v, "", "x") == HLN_OK && v == 9007199254740993ull);   /* not a double */
        T_CHECK(hln_json_u64(&j, 4, &v, "", "x") == HLN_OK && v == UINT64_MAX);
        T_EQ_U64(hln_json_u64(&j, 5, &v, "", "x"), HLN_ERR_OVERFLOW);
        T_EQ_U64(hln_json_u64(&j, 6, &v, "", "x"), HLN_ERR_RANGE);
        T_CHECK(strstr(err.message, "negative") != NULL);
        T_EQ_U64(hln_json_u64(&j, 7, &v, "", "x"), HLN_ERR_RANGE);
        T_EQ_U64(hln_json_u64(&j, 8, &v, "", "x"), HLN_ERR_TYPE);
        T_CHECK(strstr(err.message, "not an integer") != NULL);
        T_EQ_U64(hln_json_u64(&j, 9, &v, "", "x"), HLN_ERR_TYPE);
        T_CHECK(strstr(err.message, "exponent") != NULL);
        T_EQ_U64(hln_json_u64(&j, 10, &v, "", "x"), HLN_ERR_TYPE);
        T_EQ_U64(hln_json_u64(&j, 11, &v, "", "x"), HLN_ERR_TYPE);
        T_CHECK(strstr(err.message, "a string") != NULL);
        T_EQ_U64(hln_json_u64(&j, 12, &v, "", "x"), HLN_ERR_TYPE);
    }
    hln_json_free(&j);
    free(keep);
    /* through a whole file: the largest uint64 in a shape overflows the element count, one
       more does not fit at all */
    {
        hln_model *m;
        T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[18446744073709551615],\"data_offsets\":[0,0]}}", 0, &m, &err),
                 HLN_ERR_RANGE);
        T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[18446744073709551616],\"data_offsets\":[0,0]}}", 0, &m, &err),
                 HLN_ERR_OVERFLOW);
        T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0, &m, &err),
                 HLN_ERR_OVERFLOW);
        T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,18446744073709551616]}}", 2, &m, &err),
                 HLN_ERR_OVERFLOW);
        T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[18446744073709551614,18446744073709551615]}}", 2, &m, &err),
                 HLN_ERR_LAYOUT);
        T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[18446744073709551614,18446744073709551615]}}", 2, &m, &err),
                 HLN_ERR_TRUNCATED);
        T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2e0]}}", 2, &m, &err), HLN_ERR_TYPE);
    }
}

static void test_json_strings(void) {
    hln_json j;
    hln_error err;
    char *keep, buf[128];
    T_CHECK(json_parse("[\"plain\", \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\u4e2d\", \"\\ud83d\\ude00\", \"\\u0041\\u00FF\", \"caf\xc3\xa9\", \"\"]",
                       &j, &err, &keep) == HLN_OK);
    if (j.tok) {
        T_EQ_STR(jstr(&j, 1, buf, sizeof buf), "plain");
        T_CHECK(!j.tok[1].escaped && j.tok[2].escaped);
        T_EQ_STR(jstr(&j, 2, buf, sizeof buf), "a\"b\\c/d\b\f\n\r\t");
        T_EQ_STR(jstr(&j, 3, buf, sizeof buf), "\xc3\xa9\xe4\xb8\xad");
        T_EQ_STR(jstr(&j, 4, buf, sizeof buf), "\xf0\x9f\x98\x80");
        T_EQ_STR(jstr(&j, 5, buf, sizeof buf), "A\xc3\xbf");
        T_EQ_STR(jstr(&j, 6, buf, sizeof buf), "caf\xc3\xa9");
        T_EQ_STR(jstr(&j, 7, buf, sizeof buf), "");
        T_CHECK(hln_json_is(&j, 5, "A\xc3\xbf"));
        T_CHECK(!hln_json_is(&j, 5, "A"));
    }
    hln_json_free(&j);
    free(keep);
    {
        static const char *const bad[] = {
            "[\"\\ud83d\"]", "[\"\\ude00\"]", "[\"\\ud83d\\u0041\"]", "[\"\\ud83dx\"]", "[\"\\ud83d\\ud83d\"]",
            "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"\\x\"]", "[\"\\", "[\"abc", "[\"a\nb\"]", "[\"a\x01\"]", "[\"\\u"
        };
        static const char *const why[] = {
            "high surrogate", "lone low surrogate", "high surrogate", "high surrogate", "high surrogate",
            "four hex", "four hex", "invalid escape", "unterminated", "unterminated", "control character",
            "control character", "four hex"
        };
        size_t k;
        for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            hln_result r = json_parse(bad[k], &j, &err, &keep);
            T_CHECKF(r == HLN_ERR_SYNTAX && strstr(err.message, why[k]), "%s -> %d %s", bad[k], (int)r, err.message);
            hln_json_free(&j);
            free(keep);
        }
    }
    /* \u0000 is valid JSON but cannot be a name */
    {
        hln_model *m;
        T_EQ_U64(parse_header("{\"a\\u0000b\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}}", 0, &m, &err), HLN_ERR_RANGE);
    }
}

static void test_json_syntax(void) {
    static const char *const bad[] = {
        "", "   ", "{", "[1,", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{\"a\":}", "{1:2}", "[01]", "[-]", "[1.]", "[1e]",
        "[+1]", "[tru]", "[nul]", "[.5]", "{} x", "[] []", "{\"a\":1 \"b\":2}", "[1 2]", "{]", "[}", "\"a\" :",
        "[NaN]", "[Infinity]", "{'a':1}", "[\x0c]"
    };
    static const char *const ok[] = {
        "{}", "[]", " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\n\r\t ", "0", "-0.5e-7", "\"s\"", "null", "[true,false,null]",
        "[[[[[]]]]]", "{\"\":\"\"}"
    };
    size_t k;
    hln_json j;
    hln_error err;
    char *keep;
    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        hln_result r = json_parse(bad[k], &j, &err, &keep);
        T_CHECKF(r == HLN_ERR_SYNTAX && err.message[0], "'%s' -> %d", bad[k], (int)r);
        hln_json_free(&j);
        free(keep);
    }
    for (k = 0; k < sizeof ok / sizeof ok[0]; k++) {
        hln_result r = json_parse(ok[k], &j, &err, &keep);
        T_CHECKF(r == HLN_OK, "'%s' -> %s", ok[k], err.message);
        hln_json_free(&j);
        free(keep);
    }
    /* structure: sizes and next links */
    T_CHECK(json_parse("{\"a\":[1,[2,3],{}],\"b\":{\"c\":null}}", &j, &err, &keep) == HLN_OK);
    if (j.tok) {
        uint32_t a = hln_json_find(&j, 0, "a"), b = hln_json_find(&j, 0, "b");
        T_EQ_U64(j.tok[0].size, 2);
        T_EQ_U64(j.n, 12);
        T_CHECK(a && j.tok[a].type == HLN_JSON_ARRAY && j.tok[a].size == 3);
        T_CHECK(b && j.tok[b].type == HLN_JSON_OBJECT && j.tok[b].size == 1);
        T_CHECK(b && hln_json_find(&j, b, "c") && j.tok[hln_json_find(&j, b, "c")].type == HLN_JSON_LITERAL);
        T_CHECK(hln_json_find(&j, 0, "z") == 0);
        T_EQ_U64(j.tok[0].next, j.n);
        T_EQ_U64(j.tok[0].end, strlen("{\"a\":[1,[2,3],{}],\"b\":{\"c\":null}}"));
    }
    hln_json_free(&j);
    free(keep);
    /* error offsets are absolute: 8 + position in the header */
    {
        hln_model *m;
        T_EQ_U64(parse_header("{\"a\":x}", 0, &m, &err), HLN_ERR_SYNTAX);
        T_EQ_U64(err.byte_offset, 8 + 5);
        T_EQ_STR(err.path, "header");
    }
}

static void test_json_depth(void) {
    hln_json j;
    hln_error err;
    char *keep, *deep;
    size_t k, n = 100000;
    deep = (char *)malloc(2 * n + 1);
    for (k = 0; k < n; k++) deep[k] = '[';
    deep[n] = 0;
    T_EQ_U64(json_parse(deep, &j, &err, &keep), HLN_ERR_LIMIT);
    T_CHECK(strstr(err.message, "HLN_JSON_MAX_DEPTH") != NULL);
    T_EQ_U64(err.byte_offset, HLN_JSON_MAX_DEPTH);
    hln_json_free(&j);
    free(keep);
    for (k = 0; k < HLN_JSON_MAX_DEPTH; k++) { deep[k] = '['; deep[HLN_JSON_MAX_DEPTH + k] = ']'; }
    deep[2 * HLN_JSON_MAX_DEPTH] = 0;
    T_EQ_U64(json_parse(deep, &j, &err, &keep), HLN_OK);
    hln_json_free(&j);
    free(keep);
    for (k = 0; k <= HLN_JSON_MAX_DEPTH; k++) deep[k] = '[';
    deep[HLN_JSON_MAX_DEPTH + 1] = 0;
    T_EQ_U64(json_parse(deep, &j, &err, &keep), HLN_ERR_LIMIT);
    hln_json_free(&j);
    free(keep);
    free(deep);
    /* a deeply nested value inside a tensor entry of a real header */
    {
        char hdr[512];
        hln_model *m;
        snprintf(hdr, sizeof hdr, "{\"__metadata__\":{\"a\":%s}}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
        T_EQ_U64(parse_header(hdr, 0, &m, &err), HLN_ERR_LIMIT);
    }
}

static void test_duplicates_and_whitespace(void) {
    hln_model *m;
    hln_error err;
    const char *t = "{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}";
    char h[512];
    snprintf(h, sizeof h, "{\"a\":%s,\"a\":%s}", t, t);
    T_EQ_U64(parse_header(h, 1, &m, &err), HLN_ERR_DUPLICATE);
    T_CHECK(strstr(err.message, "'a' appears twice") != NULL);
    snprintf(h, sizeof h, "{\"a\":%s,\"\\u0061\":%s}", t, t);   /* same key, spelled differently */
    T_EQ_U64(parse_header(h, 1, &m, &err), HLN_ERR_DUPLICATE);
    T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1, &m, &err),
             HLN_ERR_DUPLICATE);
    T_EQ_U64(parse_header("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"d\\u0061ta_offsets\":[0,1],\"data_offsets\":[0,1]}}", 1, &m, &err),
             HLN_ERR_DUPLICATE);
    T_EQ_U64(parse_header("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0, &m, &err), HLN_ERR_DUPLICATE);
    T_CHECK(strstr(err.message, "__metadata__") != NULL);
    snprintf(h, sizeof h, "{\"__metadata__\":{},\"__metadata__\":{}}");
    T_EQ_U64(parse_header(h, 0, &m, &err), HLN_ERR_DUPLICATE);
    /* whitespace: between tokens and trailing is fine; before the '{' it is not */
    T_EQ_U64(parse_header("{ \"a\" :\t{\r\n\"dtype\" : \"U8\" , \"shape\" : [ 1 ] , \"data_offsets\" : [ 0 , 1 ] } }  \n\t\r  ", 1, &m, &err),
             HLN_OK);
    T_EQ_U64(parse_header(" {}", 0, &m, &err), HLN_ERR_SYNTAX);
    T_CHECK(strstr(err.message, "begin with '{'") != NULL);
    T_EQ_U64(parse_header("{}", 0, &m, &err), HLN_OK);
    T_EQ_U64(parse_header("{}\x0b", 0, &m, &err), HLN_ERR_SYNTAX);    /* VT is not JSON whitespace */
}

static void test_entry_rules(void) {
    static const struct { const char *header; size_t data; hln_result want; const char *msg; } cases[] = {
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1],\"x\":1}}", 1, HLN_ERR_SYNTAX, "unknown key" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1]}}", 1, HLN_ERR_SYNTAX, "no 'data_offsets'" },
        { "{\"a\":{\"shape\":[1],\"data_offsets\":[0,1]}}", 1, HLN_ERR_SYNTAX, "no 'dtype'" },
        { "{\"a\":{\"dtype\":\"U8\",\"data_offsets\":[0,1]}}", 1, HLN_ERR_SYNTAX, "no 'shape'" },
        { "{\"a\":{\"dtype\":8,\"shape\":[1],\"data_offsets\":[0,1]}}", 1, HLN_ERR_TYPE, "not a string" },
        { "{\"a\":{\"dtype\":\"u8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1, HLN_ERR_TYPE, "unknown dtype" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":1,\"data_offsets\":[0,1]}}", 1, HLN_ERR_TYPE, "not an array" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0]}}", 1, HLN_ERR_SYNTAX, "fewer than 2" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1,2]}}", 1, HLN_ERR_SYNTAX, "more than 2" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":{}}}", 1, HLN_ERR_SYNTAX, "an object" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[\"0\",1]}}", 1, HLN_ERR_TYPE, "a string, not an integer" },
        { "{\"a\":[1]}", 1, HLN_ERR_TYPE, "not an object" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],\"data_offsets\":[0,1]}}", 1, HLN_ERR_LIMIT, "HLN_MAX_DIMS" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[9223372036854775808],\"data_offsets\":[0,1]}}", 1, HLN_ERR_RANGE, "int64" },
        { "{\"__metadata__\":[]}", 0, HLN_ERR_TYPE, "not an object of strings" },
        { "{\"__metadata__\":{\"a\":null}}", 0, HLN_ERR_TYPE, "null, not a string" },
        { "{}", 4, HLN_ERR_LAYOUT, "belong to no tensor" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}", 2, HLN_ERR_LAYOUT, "gap of 1 bytes" },
        { "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]},\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]},"
          "\"c\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[1,1]}}", 2, HLN_ERR_LAYOUT, "overlaps" },
        /* valid: zero-size tensors at shared offsets, scalar, sub-byte, header order kept */
        { "{\"z\":{\"dtype\":\"F32\",\"shape\":[3,0],\"data_offsets\":[2,2]},\"b\":{\"dtype\":\"U8\",\"shape\":[],\"data_offsets\":[1,2]},"
          "\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"e\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[2,4]},"
          "\"y\":{\"dtype\":\"BOOL\",\"shape\":[0],\"data_offsets\":[4,4]}}", 4, HLN_OK, "" },
    };
    size_t k;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        hln_model *m;
        hln_error err;
        hln_result r;
        memset(&err, 0, sizeof err);
        r = parse_header(cases[k].header, cases[k].data, &m, &err);
        T_CHECKF(r == cases[k].want && strstr(err.message, cases[k].msg), "case %u: %d %s", (unsigned)k, (int)r, err.message);
    }
    /* the valid one, in detail */
    {
        size_t size;
        uint8_t *b = make_st(cases[k - 1].header, 4, &size);
        hln_model *m;
        hln_error err;
        if (parse_both(b, size, &m, &err) == HLN_OK) {
            T_EQ_U64(m->n_tensors, 5);
            T_EQ_STR(m->tensors[0].name, "z");
            T_EQ_STR(m->tensors[1].name, "b");
            T_EQ_U64(m->tensors[1].n_dims, 0);
            T_EQ_U64(m->tensors[1].n_elements, 1);
            T_EQ_U64(m->tensors[0].n_elements, 0);
            T_EQ_U64(m->tensors[0].dims[0], 3);
            T_EQ_U64(m->tensors[3].dtype, HLN_DTYPE_F4_E2M1);
            T_EQ_U64(m->tensors[3].n_bytes, 2);
            T_CHECK(m->tensors[2].data == b + m->files[0].data_offset);
            T_EQ_U64(m->files[0].data_offset, size - 4);
            T_CHECK(m->files[0].path == NULL);
            T_EQ_I64(m->tensors[0].native_type, -1);
            hln_model_free(m);
        } else T_CHECKF(0, "%s", err.message);
        free(b);
    }
}

/* ---- corpus: generated files against .expected.json ---- */
static void check_expected(const char *dir, const char *name) {
    char sp[1024], ep[1024], buf[512];
    unsigned char *data, *exp;
    size_t size, esize;
    hln_model *m = NULL;
    hln_error err;
    hln_json j;
    hln_allocator a;
    hln_summary s;
    uint32_t list, t, k, dt, md;
    snprintf(sp, sizeof sp, "%s/%s", dir, name);
    snprintf(ep, sizeof ep, "%s/%s.expected.json", dir, name);
    data = t_read_file(sp, &size);
    exp = t_read_file(ep, &esize);
    T_CHECKF(data && exp, "cannot read %s or its expected.json", sp);
    if (!data || !exp) { free(data); free(exp); return; }
    memset(&a, 0, sizeof a);
    if (hln_json_parse(&j, &a, (const char *)exp, esize, HLN_ST_MAX_HEADER, 0, "expected", &err) != HLN_OK) {
        T_CHECKF(0, "expected.json: %s", err.message);
        free(data); free(exp);
        return;
    }
    if (parse_both(data, size, &m, &err) != HLN_OK) {
        T_CHECKF(0, "%s: %s: %s", name, err.path, err.message);
    } else {
        hln_model_summarize(m, &s);
        T_EQ_U64(m->format, HLN_FORMAT_SAFETENSORS);
        T_EQ_U64(m->n_files, 1);
        T_EQ_U64(m->files[0].data_offset, ju64(&j, hln_json_find(&j, 0, "data_offset")));
        T_EQ_U64(m->files[0].data_offset - 8, ju64(&j, hln_json_find(&j, 0, "header_length")));
        T_EQ_U64(m->files[0].header_bytes, m->files[0].data_offset);
        T_EQ_U64(size, ju64(&j, hln_json_find(&j, 0, "file_size")));
        T_EQ_U64(m->n_tensors, ju64(&j, hln_json_find(&j, 0, "tensors")));
        T_EQ_U64(s.params, ju64(&j, hln_json_find(&j, 0, "params")));
        T_EQ_U64(s.weight_bytes, ju64(&j, hln_json_find(&j, 0, "weight_bytes")));
        dt = hln_json_find(&j, 0, "dtypes");
        T_CHECK(dt && j.tok[dt].size == s.n_dtypes);
        for (k = 0, t = dt + 1; dt && k < j.tok[dt].size; k++, t = j.tok[t + 1].next) {
            uint32_t d, found = 0;
            jstr(&j, t, buf, sizeof buf);
            for (d = 0; d < s.n_dtypes; d++)
                if (strcmp(hln_dtype_get(s.dtypes[d].dtype)->st_name, buf) == 0) {
                    found = 1;
                    T_EQ_U64(s.dtypes[d].tensors, ju64(&j, t + 1));
                }
            T_CHECKF(found, "dtype %s", buf);
        }
        md = hln_json_find(&j, 0, "metadata");
        T_CHECK(md != 0);
        if (md && j.tok[md].type == HLN_JSON_OBJECT) {
            T_EQ_U64(m->n_kv, j.tok[md].size);
            for (k = 0, t = md + 1; k < j.tok[md].size && k < m->n_kv; k++, t = j.tok[t + 1].next) {
                T_EQ_STR(m->kv[k].key, jstr(&j, t, buf, sizeof buf));
                T_EQ_U64(m->kv[k].type, HLN_KV_STRING);
                T_EQ_STR(m->kv[k].v.s.ptr, jstr(&j, t + 1, buf, sizeof buf));
                T_EQ_U64(m->kv[k].v.s.len, strlen(buf));
            }
        } else {
            T_EQ_U64(m->n_kv, 0);
        }
        list = hln_json_find(&j, 0, "tensor_list");
        T_CHECK(list && j.tok[list].size == m->n_tensors);
        for (k = 0, t = list + 1; list && k < j.tok[list].size && k < m->n_tensors; k++, t = j.tok[t].next) {
            const hln_tensor *ts = &m->tensors[k];
            uint32_t sh = hln_json_find(&j, t, "shape"), d, e;
            T_EQ_STR(ts->name, jstr(&j, hln_json_find(&j, t, "name"), buf, sizeof buf));
            T_EQ_STR(hln_dtype_get(ts->dtype)->st_name, jstr(&j, hln_json_find(&j, t, "type"), buf, sizeof buf));
            T_CHECK(sh && j.tok[sh].size == ts->n_dims);
            for (d = 0, e = sh + 1; sh && d < j.tok[sh].size && d < ts->n_dims; d++, e = j.tok[e].next)
                T_EQ_U64(ts->dims[d], ju64(&j, e));
            T_EQ_U64(ts->offset, ju64(&j, hln_json_find(&j, t, "offset")));
            T_EQ_U64(ts->file_offset, ju64(&j, hln_json_find(&j, t, "file_offset")));
            T_EQ_U64(ts->n_elements, ju64(&j, hln_json_find(&j, t, "n_elements")));
            T_EQ_U64(ts->n_bytes, ju64(&j, hln_json_find(&j, t, "nbytes")));
            T_CHECK(ts->data == data + ts->file_offset);
            T_EQ_U64(ts->file, 0);
        }
        hln_model_free(m);
    }
    hln_json_free(&j);
    free(data);
    free(exp);
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Runs fn(dir, name) as one case per *.safetensors in dir (sorted for stable output). */
static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int for_each_file(const char *dir, const char *suffix, void (*fn)(const char *, const char *)) {
    DIR *d = opendir(dir);
    struct dirent *e;
    char *names[512];
    int n = 0, k;
    if (!d) return -1;
    while ((e = readdir(d)) != NULL && n < 512)
        if (ends_with(e->d_name, suffix)) {
            names[n] = (char *)malloc(strlen(e->d_name) + 1);
            strcpy(names[n++], e->d_name);
        }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], name_cmp);
    for (k = 0; k < n; k++) {
        char label[600];
        snprintf(label, sizeof label, "%s", names[k]);
        t_begin(label);
        fn(dir, names[k]);
        t_end();
        free(names[k]);
    }
    return n;
}

static void test_corpus_generated(void) {
    char dir[1024];
    int n;
    snprintf(dir, sizeof dir, "%s", corpus_path("generated"));
    n = for_each_file(dir, ".safetensors", check_expected);
    if (n < 0) { t_begin("corpus generated"); T_SKIP("corpus not found (set HAOLINE_CORPUS)"); t_end(); return; }
    t_begin("corpus generated count");
    T_CHECKF(n >= 18, "%d files", n);
    t_end();
    snprintf(dir, sizeof dir, "%s", corpus_path("generated/sharded-gqa"));
    n = for_each_file(dir, ".safetensors", check_expected);
    t_begin("corpus shard count");
    T_EQ_I64(n, 2);
    t_end();
}

static void test_sharded_index(void) {
    hln_model *m;
    hln_error err;
    hln_summary s;
    hln_st_options opts;
    hln_llm llm;
    memset(&opts, 0, sizeof opts);
    if (access(corpus_path("generated/sharded-gqa/model.safetensors.index.json"), R_OK) != 0) { T_SKIP("no corpus"); return; }
    if (hln_st_load_file(&opts, corpus_path("generated/sharded-gqa/model.safetensors.index.json"), &m, &err) != HLN_OK) {
        T_CHECKF(0, "%s: %s: %s", err.file, err.path, err.message);
        return;
    }
    hln_model_summarize(m, &s);
    T_EQ_U64(m->n_tensors, 21);
    T_EQ_U64(s.params, 295552);
    T_EQ_U64(s.weight_bytes, 591104);
    T_EQ_U64(s.n_dtypes, 1);
    T_EQ_U64(s.dtypes[0].dtype, HLN_DTYPE_BF16);
    T_EQ_U64(m->n_files, 2);
    T_EQ_U64(m->split_count, 2);
    T_CHECK(ends_with(m->files[0].path, "/model-00001-of-00002.safetensors"));
    T_CHECK(ends_with(m->files[1].path, "/model-00002-of-00002.safetensors"));
    {
        int64_t t = hln_model_find_tensor(m, "lm_head.weight");
        int64_t e = hln_model_find_tensor(m, "model.embed_tokens.weight");
        T_CHECK(t >= 0 && m->tensors[t].file == 1);
        T_CHECK(e >= 0 && m->tensors[e].file == 0);
        if (t >= 0) T_CHECK(m->tensors[t].data == m->files[1].data + m->tensors[t].file_offset);
    }
    hln_model_llm(m, &llm);
    T_EQ_I64(llm.hp.n_layer, 2);
    hln_model_free(m);
}

/* ---- corpus: bad files ---- */
static char bad_msgs[64][256], bad_names[64][128];
static int n_bad;

static void check_bad(const char *dir, const char *name) {
    static const struct { const char *file; hln_result code; } want[] = {
        { "header_len_gt_file.safetensors", HLN_ERR_TRUNCATED }, { "header_len_2pow63.safetensors", HLN_ERR_RANGE },
        { "header_len_gt_100MB.safetensors", HLN_ERR_LIMIT }, { "file_too_short.safetensors", HLN_ERR_TRUNCATED },
        { "header_not_json.safetensors", HLN_ERR_SYNTAX }, { "header_invalid_utf8.safetensors", HLN_ERR_UTF8 },
        { "header_trailing_garbage.safetensors", HLN_ERR_SYNTAX }, { "header_not_object.safetensors", HLN_ERR_SYNTAX },
        { "offsets_not_contiguous.safetensors", HLN_ERR_LAYOUT }, { "offsets_overlap.safetensors", HLN_ERR_LAYOUT },
        { "offsets_beyond_file.safetensors", HLN_ERR_TRUNCATED }, { "offsets_begin_gt_end.safetensors", HLN_ERR_LAYOUT },
        { "nbytes_mismatch.safetensors", HLN_ERR_LAYOUT }, { "unknown_dtype.safetensors", HLN_ERR_TYPE },
        { "shape_negative.safetensors", HLN_ERR_RANGE }, { "shape_non_integer.safetensors", HLN_ERR_TYPE },
        { "missing_data_offsets.safetensors", HLN_ERR_SYNTAX }, { "duplicate_keys.safetensors", HLN_ERR_DUPLICATE },
        { "nested_json_100k.safetensors", HLN_ERR_LIMIT }, { "trailing_hole.safetensors", HLN_ERR_LAYOUT },
        { "metadata_not_string_map.safetensors", HLN_ERR_TYPE },
    };
    char p[1024];
    unsigned char *data;
    char *exact;
    size_t size, k;
    hln_model *m = NULL;
    hln_error err, err2;
    hln_result r;
    hln_st_options opts;
    memset(&opts, 0, sizeof opts);
    memset(&err, 0, sizeof err);
    snprintf(p, sizeof p, "%s/%s", dir, name);
    data = t_read_file(p, &size);
    T_CHECK(data != NULL);
    if (!data) return;
    exact = dup_exact(data, size);
    r = hln_st_parse(&opts, exact, size, &m, &err);
    T_CHECKF(r != HLN_OK, "%s was accepted", name);
    T_CHECK(m == NULL);
    T_CHECK(err.message[0] != 0);
    for (k = 0; k < sizeof want / sizeof want[0]; k++)
        if (strcmp(want[k].file, name) == 0) T_CHECKF(r == want[k].code, "%s: code %d, want %d (%s)", name, (int)r, (int)want[k].code, err.message);
    if (r == HLN_OK) hln_model_free(m);
    /* the file loader agrees */
    r = hln_st_load_file(&opts, p, &m, &err2);
    T_CHECK(r != HLN_OK && strcmp(err.message, err2.message) == 0 && strcmp(err2.file, p) == 0);
    if (r == HLN_OK) hln_model_free(m);
    if (n_bad < 64) {
        snprintf(bad_msgs[n_bad], sizeof bad_msgs[0], "%s", err.message);
        snprintf(bad_names[n_bad], sizeof bad_names[0], "%s", name);
        n_bad++;
    }
    if (verbose()) printf("  %-40s %-10s @%-6llu %-40s %s\n", name, hln_result_string(err.code),
                          (unsigned long long)err.byte_offset, err.path, err.message);
    free(exact);
    free(data);
}

static void strip_digits(const char *s, char *d) { for (; *s; s++) if (*s < '0' || *s > '9') *d++ = *s; *d = 0; }

static void test_corpus_bad(void) {
    int n = for_each_file(corpus_path("bad"), ".safetensors", check_bad), a, b;
    t_begin("corpus bad: count and distinct messages");
    if (n < 0) T_SKIP("corpus not found");
    else {
        T_CHECKF(n >= 21, "%d files", n);
        for (a = 0; a < n_bad; a++)
            for (b = a + 1; b < n_bad; b++) {
                char x[256], y[256];
                strip_digits(bad_msgs[a], x);
                strip_digits(bad_msgs[b], y);
                T_CHECKF(strcmp(x, y) != 0, "%s and %s give the same message: %s", bad_names[a], bad_names[b], bad_msgs[a]);
            }
    }
    t_end();
}

/* ---- round trips ---- */
static int models_equal(const hln_model *a, const hln_model *b) {
    uint32_t i, d;
    int ok = 1;
    T_EQ_U64(a->n_tensors, b->n_tensors);
    T_EQ_U64(a->n_kv, b->n_kv);
    if (a->n_tensors != b->n_tensors || a->n_kv != b->n_kv) return 0;
    for (i = 0; i < a->n_tensors; i++) {
        const hln_tensor *x = &a->tensors[i], *y = &b->tensors[i];
        ok &= strcmp(x->name, y->name) == 0 && x->dtype == y->dtype && x->n_dims == y->n_dims &&
              x->n_elements == y->n_elements && x->n_bytes == y->n_bytes && x->offset == y->offset &&
              x->native_type == y->native_type && (x->n_bytes == 0 || memcmp(x->data, y->data, (size_t)x->n_bytes) == 0);
        for (d = 0; d < x->n_dims && d < y->n_dims; d++) ok &= x->dims[d] == y->dims[d];
        T_CHECKF(ok, "tensor %u '%s'", i, x->name);
    }
    for (i = 0; i < a->n_kv; i++) {
        const hln_kv *x = &a->kv[i], *y = &b->kv[i];
        ok &= strcmp(x->key, y->key) == 0 && x->type == y->type && x->v.s.len == y->v.s.len &&
              memcmp(x->v.s.ptr, y->v.s.ptr, (size_t)x->v.s.len) == 0;
        T_CHECKF(ok, "kv %u '%s'", i, x->key);
    }
    return ok;
}

static void test_roundtrip_corpus(void) {
    unsigned char *data;
    size_t size;
    hln_model *m, *m2;
    hln_error err;
    bytes out, out2;
    memset(&out, 0, sizeof out);
    memset(&out2, 0, sizeof out2);
    data = t_read_file(corpus_path("generated/tinyllama-hf-F16.safetensors"), &size);
    if (!data) { T_SKIP("no corpus"); return; }
    T_CHECK(parse_both(data, size, &m, &err) == HLN_OK);
    T_CHECK(hln_st_write(m, bytes_write, &out, &err) == HLN_OK);
    T_CHECK(parse_both(out.p, out.n, &m2, &err) == HLN_OK);
    models_equal(m, m2);
    T_EQ_U64(m2->files[0].data_offset % 8, 0);
    /* the corpus generator writes the same compact form, so the bytes match too */
    T_CHECK(out.n == size && memcmp(out.p, data, size) == 0);
    T_CHECK(hln_st_write(m2, bytes_write, &out2, &err) == HLN_OK);
    T_CHECK(out2.n == out.n && memcmp(out2.p, out.p, out.n) == 0);
    hln_model_free(m2);
    hln_model_free(m);
    free(out.p);
    free(out2.p);
    free(data);
}

static int fail_after_100(void *user, const void *p, size_t n) {
    size_t *left = (size_t *)user;
    (void)p;
    if (n > *left) return 0;
    *left -= n;
    return 1;
}

static void test_roundtrip_handmade(void) {
    static const char *const names[] = { "w\"quote", "back\\slash", "new\nline\ttab\x01", "caf\xc3\xa9 \xf0\x9f\x98\x80", "", "z" };
    static const hln_dtype types[] = { HLN_DTYPE_F32, HLN_DTYPE_BF16, HLN_DTYPE_U8, HLN_DTYPE_F4_E2M1, HLN_DTYPE_I64, HLN_DTYPE_F8_E4M3 };
    static const uint8_t payload[256] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    hln_model *m, *m2;
    hln_error err;
    bytes out;
    uint32_t i;
    size_t left;
    uint64_t offset = 0;
    memset(&out, 0, sizeof out);
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    m->format = HLN_FORMAT_SAFETENSORS;
    m->n_tensors = 6;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, 6, sizeof(hln_tensor));
    for (i = 0; i < 6; i++) {
        hln_tensor *t = &m->tensors[i];
        int ok;
        t->name = names[i];
        t->dtype = types[i];
        t->native_type = -1;
        t->n_dims = i == 4 ? 0 : 2;
        t->dims = (int64_t *)hln_arena_array(&m->arena, 2, sizeof(int64_t));
        t->dims[0] = i == 5 ? 0 : (int64_t)(i + 1);
        t->dims[1] = 3;
        t->n_elements = t->n_dims ? (uint64_t)(t->dims[0] * t->dims[1]) : 1;
        t->n_bytes = hln_dtype_nbytes(t->dtype, t->n_elements, &ok);
        t->data = payload + i;
        t->offset = offset;
        offset += t->n_bytes;
    }
    m->n_kv = 3;
    m->kv = (hln_kv *)hln_arena_array(&m->arena, 3, sizeof(hln_kv));
    m->kv[0].key = "format"; m->kv[0].type = HLN_KV_STRING; m->kv[0].v.s.ptr = "pt"; m->kv[0].v.s.len = 2;
    m->kv[1].key = "n"; m->kv[1].type = HLN_KV_U32; m->kv[1].v.u = 7;     /* not a string: skipped */
    m->kv[2].key = "json \"esc\"\\"; m->kv[2].type = HLN_KV_STRING; m->kv[2].v.s.ptr = "{\"a\": [1]}\n\xe4\xb8\xad"; m->kv[2].v.s.len = 14;
    T_CHECK(hln_st_write(m, bytes_write, &out, &err) == HLN_OK);
    T_CHECK(parse_both(out.p, out.n, &m2, &err) == HLN_OK);
    if (m2) {
        T_EQ_U64(m2->n_kv, 2);
        m->n_kv = 2;
        m->kv[1] = m->kv[2];
        models_equal(m, m2);
        T_EQ_U64(m2->tensors[3].n_bytes, 6);    /* 12 F4 elements */
        T_EQ_U64(m2->files[0].data_offset % 8, 0);
        hln_model_free(m2);
    } else T_CHECKF(0, "%s", err.message);
    /* a failing sink is reported */
    left = 100;
    T_EQ_U64(hln_st_write(m, fail_after_100, &left, &err), HLN_ERR_IO);
    /* a name twice */
    m->tensors[5].name = m->tensors[0].name;
    T_EQ_U64(hln_st_write(m, bytes_write, &out, &err), HLN_ERR_DUPLICATE);
    m->tensors[5].name = names[5];
    /* a type SafeTensors cannot hold */
    m->tensors[0].dtype = HLN_DTYPE_Q4_0;
    m->tensors[0].n_elements = 32;
    m->tensors[0].n_bytes = 18;
    T_EQ_U64(hln_st_write(m, bytes_write, &out, &err), HLN_ERR_UNSUPPORTED);
    hln_model_free(m);
    free(out.p);
    /* an empty model */
    memset(&out, 0, sizeof out);
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    T_CHECK(hln_st_write(m, bytes_write, &out, &err) == HLN_OK);
    T_CHECK(out.n == 16 && memcmp(out.p + 8, "{}      ", 8) == 0);
    T_CHECK(parse_both(out.p, out.n, &m2, &err) == HLN_OK);
    if (m2) { T_EQ_U64(m2->n_tensors, 0); hln_model_free(m2); }
    hln_model_free(m);
    free(out.p);
}

/* ---- hostile buffers ---- */
static void truncations_of(const char *rel) {
    unsigned char *data;
    size_t size, len;
    int failures_ok = 1;
    data = t_read_file(corpus_path(rel), &size);
    if (!data) { T_SKIP("no corpus"); return; }
    for (len = 0; len <= size; len++) {
        char *b = dup_exact(data, len);
        hln_model *m = NULL;
        hln_error err;
        hln_result r = parse_both(b, len, &m, &err);
        if (len < size) failures_ok &= r != HLN_OK && err.message[0] != 0;
        else T_CHECKF(r == HLN_OK, "%s", err.message);
        if (r == HLN_OK) hln_model_free(m);
        free(b);
    }
    T_CHECKF(failures_ok, "a truncation of %s was accepted", rel);
    free(data);
}
static void test_truncations(void) {
    truncations_of("generated/scalars.safetensors");
    truncations_of("generated/dtypes-all.safetensors");
    truncations_of("generated/header-unpadded.safetensors");
    truncations_of("generated/metadata-only.safetensors");
}

static void test_mutations(void) {
    static const unsigned char subst[] = { '{', '}', '[', ']', '"', '\\', ',', ':', '0', '9', '-', '.', 'e', ' ', 0, 0xff, 0xc3, 'u' };
    unsigned char *data;
    size_t size, pos, k;
    unsigned long accepted = 0, total = 0;
    data = t_read_file(corpus_path("generated/scalars.safetensors"), &size);
    if (!data) { T_SKIP("no corpus"); return; }
    for (pos = 0; pos < size; pos++)
        for (k = 0; k < sizeof subst; k++) {
            char *b = dup_exact(data, size);
            hln_model *m = NULL;
            hln_error err;
            hln_result r;
            b[pos] = (char)subst[k];
            r = parse_both(b, size, &m, &err);
            total++;
            if (r == HLN_OK) { accepted++; hln_model_free(m); }
            else T_CHECK(err.message[0] != 0);
            free(b);
        }
    T_CHECK(accepted < total);
    free(data);
}

/* ---- files: config.json, sharded index errors ---- */
static char tmpdir[256];
static void write_file(const char *name, const void *p, size_t n) {
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    f = fopen(path, "wb");
    if (f) { fwrite(p, 1, n, f); fclose(f); }
}
static void write_text(const char *name, const char *text) { write_file(name, text, strlen(text)); }
static void write_st(const char *name, const char *header, size_t data_len) {
    size_t size;
    uint8_t *b = make_st(header, data_len, &size);
    write_file(name, b, size);
    free(b);
}
static hln_result load_tmp(const char *name, hln_model **m, hln_error *err) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return hln_st_load_file(NULL, path, m, err);
}

static void test_files(void) {
    static const char *const files[] = { "a.safetensors", "b.safetensors", "m.safetensors", "config.json", "x.index.json",
                                         "quantize_config.json" };
    hln_model *m;
    hln_error err;
    hln_result r;
    size_t k;
    const char *ta = "{\"__metadata__\":{\"format\":\"pt\"},\"model.embed_tokens.weight\":{\"dtype\":\"F16\",\"shape\":[8,4],\"data_offsets\":[0,64]},"
                     "\"model.layers.0.self_attn.k_proj.weight\":{\"dtype\":\"F16\",\"shape\":[2,4],\"data_offsets\":[64,80]}}";
    const char *tb = "{\"lm_head.weight\":{\"dtype\":\"F16\",\"shape\":[8,4],\"data_offsets\":[0,64]}}";
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hln_st_test_XXXXXX");
    if (!mkdtemp(tmpdir)) { T_SKIP("mkdtemp failed"); return; }

    /* a single file with config.json beside it */
    write_st("m.safetensors", ta, 80);
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) {
        T_CHECK(m->hp.arch == NULL && m->hp.n_layer == -1);
        T_CHECK(m->files[0].path && ends_with(m->files[0].path, "/m.safetensors"));
        T_EQ_U64(m->n_kv, 1);
        hln_model_free(m);
    }
    write_text("config.json", "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"num_hidden_layers\":22,"
                              "\"num_attention_heads\":32,\"num_key_value_heads\":4,\"hidden_size\":2048,\"rms_norm_eps\":1e-05,"
                              "\"max_position_embeddings\":2048,\"intermediate_size\":5632,\"vocab_size\":32000,"
                              "\"rope_scaling\":null,\"tie_word_embeddings\":false,\"num_local_experts\":8,\"num_experts_per_tok\":2}");
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) {
        T_EQ_STR(m->hp.arch, "llama");
        T_EQ_I64(m->hp.n_layer, 22);
        T_EQ_I64(m->hp.n_head, 32);
        T_EQ_I64(m->hp.n_head_kv, 4);
        T_EQ_I64(m->hp.n_embd, 2048);
        T_EQ_I64(m->hp.context_length, 2048);
        T_EQ_I64(m->hp.n_ff, 5632);
        T_EQ_I64(m->hp.n_vocab, 32000);
        T_EQ_I64(m->hp.head_dim, -1);
        T_EQ_I64(m->hp.expert_count, 8);
        T_EQ_I64(m->hp.expert_used_count, 2);
        hln_model_free(m);
    }
    write_text("config.json", "{\"model_type\":\"gemma3\",\"text_config\":{\"num_hidden_layers\":4,\"head_dim\":256,\"num_experts\":4}}");
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) {
        T_EQ_STR(m->hp.arch, "gemma3");
        T_EQ_I64(m->hp.n_layer, 4);
        T_EQ_I64(m->hp.head_dim, 256);
        T_EQ_I64(m->hp.expert_count, 4);
        hln_model_free(m);
    }
    /* quantization configs: config.json's quantization_config, AutoGPTQ's quantize_config.json */
    write_text("config.json", "{\"model_type\":\"llama\",\"quantization_config\":{\"quant_method\":\"gptq\",\"bits\":4,"
                              "\"group_size\":128,\"desc_act\":true,\"sym\":true}}");
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) {
        T_EQ_STR(m->hp.quant_method, "gptq");
        T_EQ_I64(m->hp.quant_bits, 4);
        T_EQ_I64(m->hp.quant_group_size, 128);
        T_EQ_I64(m->hp.quant_desc_act, 1);
        hln_model_free(m);
    }
    write_text("config.json", "{\"model_type\":\"llama\"}");
    write_text("quantize_config.json", "{\"bits\":4,\"group_size\":64,\"desc_act\":false}");
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) {
        T_CHECK(m->hp.quant_method == NULL);
        T_EQ_I64(m->hp.quant_group_size, 64);
        T_EQ_I64(m->hp.quant_desc_act, 0);
        hln_model_free(m);
    }
    write_text("quantize_config.json", "{\"desc_act\":null}");   /* not stated */
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) { T_EQ_I64(m->hp.quant_desc_act, -1); hln_model_free(m); }
    write_text("config.json", "{\"model_type\": \"llama\", \"num_hidden_layers\": ");   /* broken: ignored */
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) { T_CHECK(m->hp.arch == NULL && m->hp.n_layer == -1); hln_model_free(m); }
    write_text("config.json", "{\"num_hidden_layers\": -3, \"hidden_size\": 1.5}");     /* bad values: ignored */
    T_CHECK(load_tmp("m.safetensors", &m, &err) == HLN_OK);
    if (m) { T_CHECK(m->hp.n_layer == -1 && m->hp.n_embd == -1); hln_model_free(m); }

    /* sharded index */
    write_st("a.safetensors", ta, 80);
    write_st("b.safetensors", tb, 64);
    write_text("x.index.json", "{\"metadata\":{\"total_size\":144,\"format\":\"pt\"},\"weight_map\":{\"lm_head.weight\":\"b.safetensors\","
                               "\"model.embed_tokens.weight\":\"a.safetensors\",\"model.layers.0.self_attn.k_proj.weight\":\"a.safetensors\"}}");
    r = load_tmp("x.index.json", &m, &err);
    T_CHECKF(r == HLN_OK, "%s", err.message);
    if (r == HLN_OK) {
        T_EQ_U64(m->n_tensors, 3);
        T_EQ_U64(m->n_files, 2);
        T_EQ_STR(m->tensors[0].name, "model.embed_tokens.weight");   /* shard a first: sorted by name */
        T_EQ_STR(m->tensors[2].name, "lm_head.weight");
        T_EQ_U64(m->tensors[2].file, 1);
        T_EQ_U64(m->n_kv, 1);
        hln_model_free(m);
    }
    {
        static const struct { const char *index; hln_result want; const char *msg; } bad[] = {
            { "{\"weight_map\":{\"lm_head.weight\":\"../b.safetensors\"}}", HLN_ERR_PATH, "path separator" },
            { "{\"weight_map\":{\"lm_head.weight\":\"/tmp/b.safetensors\"}}", HLN_ERR_PATH, "path separator" },
            { "{\"weight_map\":{\"lm_head.weight\":\"..\"}}", HLN_ERR_PATH, "'..'" },
            { "{\"weight_map\":{\"lm_head.weight\":\"C:b.safetensors\"}}", HLN_ERR_PATH, "':'" },
            { "{\"weight_map\":{\"lm_head.weight\":\"\"}}", HLN_ERR_PATH, "empty" },
            { "{\"weight_map\":{\"lm_head.weight\":\"sub\\\\b.safetensors\"}}", HLN_ERR_PATH, "separator" },
            { "{\"weight_map\":{\"lm_head.weight\":\"missing.safetensors\"}}", HLN_ERR_IO, "missing" },
            { "{\"weight_map\":{\"lm_head.weight\":7}}", HLN_ERR_TYPE, "not a string" },
            { "{\"metadata\":{}}", HLN_ERR_SYNTAX, "no weight_map" },
            { "{\"weight_map\":{}}", HLN_ERR_SYNTAX, "empty" },
            { "[]", HLN_ERR_SYNTAX, "not a JSON object" },
            { "{\"weight_map\":{\"a\":\"b.safetensors\",\"a\":\"b.safetensors\"}}", HLN_ERR_DUPLICATE, "twice" },
            { "{\"weight_map\":{\"lm_head.weight\":\"b.safetensors\",\"nope\":\"b.safetensors\"}}", HLN_ERR_LAYOUT, "not in its shard" },
            { "{\"weight_map\":{\"lm_head.weight\":\"a.safetensors\",\"model.embed_tokens.weight\":\"a.safetensors\","
              "\"model.layers.0.self_attn.k_proj.weight\":\"b.safetensors\"}}", HLN_ERR_LAYOUT, "weight_map puts" },
            { "{\"weight_map\":{\"lm_head.weight\":\"b.safetensors\",\"model.embed_tokens.weight\":\"a.safetensors\"}}",
              HLN_ERR_LAYOUT, "not listed" },
            { "{\"metadata\":{\"total_size\":145},\"weight_map\":{\"lm_head.weight\":\"b.safetensors\",\"model.embed_tokens.weight\":\"a.safetensors\","
              "\"model.layers.0.self_attn.k_proj.weight\":\"a.safetensors\"}}", HLN_ERR_LAYOUT, "total_size" },
            { "{\"metadata\":{\"total_size\":144e0},\"weight_map\":{\"lm_head.weight\":\"b.safetensors\"}}", HLN_ERR_TYPE, "exponent" },
            { "{\"weight_map\":{\"lm_head.weight\":\"c.safetensors\"}}", HLN_ERR_DUPLICATE, "again in shard" },
        };
        write_st("c.safetensors", tb, 64);   /* the same tensor as b */
        for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            char idx[600];
            /* the duplicate case lists both b and c */
            if (strstr(bad[k].msg, "again")) snprintf(idx, sizeof idx, "{\"weight_map\":{\"lm_head.weight\":\"b.safetensors\",\"x\":\"c.safetensors\"}}");
            else snprintf(idx, sizeof idx, "%s", bad[k].index);
            write_text("x.index.json", idx);
            memset(&err, 0, sizeof err);
            m = NULL;
            r = load_tmp("x.index.json", &m, &err);
            T_CHECKF(r == bad[k].want && strstr(err.message, bad[k].msg), "index case %u: %d %s", (unsigned)k, (int)r, err.message);
            T_CHECK(m == NULL);
            if (r == HLN_OK) hln_model_free(m);
        }
        /* a bad shard reports the shard's name */
        write_st("d.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2);
        write_text("x.index.json", "{\"weight_map\":{\"a\":\"d.safetensors\"}}");
        r = load_tmp("x.index.json", &m, &err);
        T_CHECK(r == HLN_ERR_LAYOUT && ends_with(err.file, "/d.safetensors"));
    }
    r = load_tmp("nonexistent.safetensors", &m, &err);
    T_EQ_U64(r, HLN_ERR_IO);
    for (k = 0; k < sizeof files / sizeof files[0]; k++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", tmpdir, files[k]);
        remove(p);
    }
    {
        char p[512];
        snprintf(p, sizeof p, "%s/c.safetensors", tmpdir); remove(p);
        snprintf(p, sizeof p, "%s/d.safetensors", tmpdir); remove(p);
    }
    rmdir(tmpdir);
}

/* ---- the fast path on large and unusual headers ---- */
/* A 3,000-tensor header (the benchmark's shape) and variants that take the fast path's
   every branch: keys in other orders, whitespace, out-of-order offsets, metadata last; then
   every single-byte mutation of a small header. Each parse is compared with the general
   tokenizer (parse_both). */
static void header_3000(bytes *hdr, uint64_t *total, int variant) {
    static const char meta[] = "{\"__metadata__\":{\"format\":\"pt\",\"a\":\"b\"},";
    size_t k, n = 3000;
    uint64_t off = 0;
    memset(hdr, 0, sizeof *hdr);
    if (variant == 2) bytes_write(hdr, "{ ", 2);
    else bytes_write(hdr, meta, strlen(meta));
    for (k = 0; k < n; k++) {
        char e[256];
        uint64_t rows = k % 2 + 1, begin = off;   /* entries of 8 or 16 bytes */
        int l;
        if (variant == 1) begin = (k & 1) ? off - 8 : off + 16;   /* each pair stored swapped: 16-byte entry first */
        if (variant == 2)
            l = snprintf(e, sizeof e, "%s\"model.layers.%u.mlp.experts.%u.down_proj.weight\" : { \"shape\" : [ 4 , %llu ] ,\n\t"
                         "\"data_offsets\":[%llu,%llu], \"dtype\":\"BF16\"}", k ? ", " : "", (unsigned)(k / 100),
                         (unsigned)(k % 100), (unsigned long long)rows, (unsigned long long)begin,
                         (unsigned long long)(begin + 8 * rows));
        else
            l = snprintf(e, sizeof e, "%s\"model.layers.%u.mlp.experts.%u.down_proj.weight\":{\"dtype\":\"BF16\","
                         "\"shape\":[4,%llu],\"data_offsets\":[%llu,%llu]}", k ? "," : "", (unsigned)(k / 100),
                         (unsigned)(k % 100), (unsigned long long)rows, (unsigned long long)begin,
                         (unsigned long long)(begin + 8 * rows));
        off += 8 * rows;
        bytes_write(hdr, e, (size_t)l);
    }
    if (variant == 2) bytes_write(hdr, ",\"__metadata__\":{}\r\n}  ", 24);
    else bytes_write(hdr, "}", 1);
    bytes_write(hdr, "", 1);   /* the NUL for make_st */
    *total = off;
}

/* The general tokenizer's token array alone is several times the header; the fast path
   allocates nothing larger than the header. The largest allocation tells which path ran. */
static size_t largest_alloc;
static void *track_alloc(void *user, size_t n) { (void)user; if (n > largest_alloc) largest_alloc = n; return malloc(n); }
static void track_free(void *user, void *p) { (void)user; free(p); }
static size_t largest_allocation(const void *p, size_t n, int reference) {
    hln_st_options o;
    hln_model *m = NULL;
    hln_error err;
    memset(&o, 0, sizeof o);
    o.allocator.alloc = track_alloc;
    o.allocator.free = track_free;
    o.reference_parser = reference;
    largest_alloc = 0;
    if (hln_st_parse(&o, p, n, &m, &err) == HLN_OK) hln_model_free(m);
    return largest_alloc;
}

static void test_fast_path(void) {
    int variant;
    for (variant = 0; variant < 3; variant++) {
        bytes hdr;
        uint64_t off;
        size_t size;
        uint8_t *b;
        hln_model *m = NULL;
        hln_error err;
        header_3000(&hdr, &off, variant);
        b = make_st((const char *)hdr.p, (size_t)off, &size);
        T_CHECKF(parse_both(b, size, &m, &err) == HLN_OK, "variant %d: %s", variant, err.message);
        {   /* the token array is >= 5 bytes per header byte; the fast path's arena blocks < 3 */
            size_t fast = largest_allocation(b, size, 0), ref = largest_allocation(b, size, 1);
            T_CHECKF(fast < 3 * hdr.n && ref > 4 * hdr.n, "variant %d: largest allocation %zu (reference %zu) for a "
                     "%zu-byte header: the fast path did not run", variant, fast, ref, hdr.n);
        }
        if (m) {
            T_EQ_U64(m->n_tensors, 3000);
            T_EQ_U64(m->n_kv, variant == 2 ? 0 : 2);
            hln_model_free(m);
        }
        free(b);
        free(hdr.p);
    }
}

static void test_fast_path_mutations(void) {
    /* the second header is all compact entries in order: the dtype and begin-offset shortcuts */
    static const char *const headers[2] = {
        "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
        "\"b\":{\"shape\":[10],\"dtype\":\"U8\",\"data_offsets\":[8,18]}}",
        "{\"a\":{\"dtype\":\"U8\",\"shape\":[6],\"data_offsets\":[0,6]},\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[6,10]},"
        "\"c\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[10,18]}}" };
    static const unsigned char subst[] = { '{', '}', '[', ']', '"', '\\', ',', ':', '0', '1', '9', '-', '.', 'e', ' ', '\n', 0, 0x7f, 0xff, 0xc3, 'u' };
    size_t size, pos, k, h;
    unsigned long accepted = 0;
    for (h = 0; h < 2; h++) {
        uint8_t *b = make_st(headers[h], 18, &size);
        for (pos = 8; pos < 8 + strlen(headers[h]); pos++)
            for (k = 0; k < sizeof subst; k++) {
                char *c = dup_exact(b, size);
                hln_model *m = NULL;
                hln_error err;
                c[pos] = (char)subst[k];
                if (parse_both(c, size, &m, &err) == HLN_OK) { accepted++; hln_model_free(m); }
                free(c);
            }
        free(b);
    }
    T_CHECK(accepted > 0);
}

/* The compact reader remembers the last dtype's bytes and the last end offset's digits; an
   entry in another form in between, or digits that only start alike, must not reuse them. */
static void test_fast_path_shortcuts(void) {
    static const char header[] =   /* I16 and F16: one size, one name length; a stale dtype would still parse */
        "{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
        "\"b\":{\"shape\":[1],\"dtype\":\"I16\",\"data_offsets\":[20,22]},"
        "\"c\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[2,4]},"
        "\"d\":{\"dtype\":\"F16\",\"shape\":[8],\"data_offsets\":[4,20]}}";
    static const hln_dtype want[4] = { HLN_DTYPE_F16, HLN_DTYPE_I16, HLN_DTYPE_F16, HLN_DTYPE_F16 };
    static const uint64_t begin[4] = { 0, 20, 2, 4 };
    size_t size;
    uint8_t *b = make_st(header, 22, &size);
    hln_model *m = NULL;
    hln_error err;
    uint32_t i;
    T_CHECKF(parse_both(b, size, &m, &err) == HLN_OK, "%s", err.message);
    if (m) T_EQ_U64(m->n_tensors, 4);
    if (m && m->n_tensors == 4)
        for (i = 0; i < 4; i++) {
            T_EQ_U64(m->tensors[i].dtype, want[i]);
            T_EQ_U64(m->tensors[i].offset, begin[i]);
        }
    hln_model_free(m);
    free(b);
}

static void test_fast_path_compared(void) {
    T_CHECKF(fast_vs_reference > 10000, "only %lu parses compared", fast_vs_reference);
}

/* The JSON writer's redacted copy: names become "name<k>", keys of names too, and a writer that
   writes no names keeps no second buffer (its redacted text is the text). */
static void test_json_writer_redacted(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_jw w;
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return;
    memset(&w, 0, sizeof w);
    hln_jw_open(&w, '{');
    hln_jw_key(&w, "count");
    hln_jw_u64(&w, 3);
    T_CHECK(w.rbuf == NULL);
    hln_jw_key(&w, "tensors");
    hln_jw_open(&w, '[');
    hln_jw_name(&w, "blk.0.attn_q", 12);
    hln_jw_name(&w, "a\"b", 3);
    hln_jw_close(&w, ']');
    hln_jw_name_keyn(&w, "secret_key", 10);
    hln_jw_name_raw(&w, "{\"k\": \"v\", \"n\": [\"x\", 1]}");
    hln_jw_key(&w, "kind");
    hln_jw_str(&w, "plain", 5);
    hln_jw_close(&w, '}');
    T_CHECK(hln_jw_finish(&w, m, &err) == HLN_OK);
    T_EQ_STR(m->format_facts, "{\"count\":3,\"tensors\":[\"blk.0.attn_q\",\"a\\\"b\"],\"secret_key\":{\"k\": \"v\", \"n\": [\"x\", 1]},\"kind\":\"plain\"}");
    T_EQ_STR(m->format_facts_redacted, "{\"count\":3,\"tensors\":[\"name0\",\"name1\"],\"name2\":{\"k\": \"name3\", \"n\": [\"name4\", 1]},\"kind\":\"plain\"}");
    hln_model_free(m);
    m = NULL;
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return;
    memset(&w, 0, sizeof w);
    w.pretty = 1;
    hln_jw_open(&w, '{');
    hln_jw_key(&w, "hidden_size");
    hln_jw_u64(&w, 64);
    hln_jw_close(&w, '}');
    T_CHECK(w.rbuf == NULL);
    T_CHECK(hln_jw_finish(&w, m, &err) == HLN_OK);
    T_EQ_STR(m->format_facts, "{\n  \"hidden_size\": 64\n}");
    T_CHECK(m->format_facts_redacted == m->format_facts);
    hln_model_free(m);
}

int main(void) {
    T_RUN(test_json_integers);
    T_RUN(test_json_strings);
    T_RUN(test_json_syntax);
    T_RUN(test_json_depth);
    T_RUN(test_json_writer_redacted);
    T_RUN(test_duplicates_and_whitespace);
    T_RUN(test_entry_rules);
    test_corpus_generated();
    T_RUN(test_sharded_index);
    test_corpus_bad();
    T_RUN(test_roundtrip_corpus);
    T_RUN(test_roundtrip_handmade);
    T_RUN(test_truncations);
    T_RUN(test_mutations);
    T_RUN(test_files);
    T_RUN(test_fast_path);
    T_RUN(test_fast_path_mutations);
    T_RUN(test_fast_path_shortcuts);
    T_RUN(test_fast_path_compared);
    return t_finish("test_safetensors");
}
