/* tests/test.h - the project's tiny test harness (not part of the library).
 *
 *   static void test_something(void) { T_CHECK(1 + 1 == 2); T_EQ_U64(a, b); }
 *   int main(void) { T_RUN(test_something); return t_finish("test_name"); }
 *
 * Each T_RUN counts one test: passed when none of its checks failed.
 * t_finish prints "<name>: N passed, N failed[, N skipped]" and returns 1 on failure.
 * T_SKIP(reason) inside a test marks it skipped (say why on stderr). */
#ifndef HLN_TEST_H
#define HLN_TEST_H
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__GNUC__) || defined(__clang__)
#define T_UNUSED __attribute__((unused))
#else
#define T_UNUSED
#endif

static int t_passed, t_failed, t_skipped, t_cur_failed, t_cur_skipped;
static const char *t_cur_name = "";

#define T_CHECK(cond) do { if (!(cond)) { t_cur_failed++; \
    fprintf(stderr, "  FAIL %s %s:%d: %s\n", t_cur_name, __FILE__, __LINE__, #cond); } } while (0)
#define T_CHECKF(cond, ...) do { if (!(cond)) { t_cur_failed++; \
    fprintf(stderr, "  FAIL %s %s:%d: %s: ", t_cur_name, __FILE__, __LINE__, #cond); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)
#define T_EQ_U64(a, b) do { unsigned long long t_a_ = (unsigned long long)(a), t_b_ = (unsigned long long)(b); \
    T_CHECKF(t_a_ == t_b_, "%llu != %llu", t_a_, t_b_); } while (0)
#define T_EQ_I64(a, b) do { long long t_a_ = (long long)(a), t_b_ = (long long)(b); \
    T_CHECKF(t_a_ == t_b_, "%lld != %lld", t_a_, t_b_); } while (0)
#define T_EQ_STR(a, b) do { const char *t_a_ = (a), *t_b_ = (b); \
    T_CHECKF(t_a_ && t_b_ && strcmp(t_a_, t_b_) == 0, "\"%s\" != \"%s\"", t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); } while (0)
#define T_SKIP(reason) do { t_cur_skipped = 1; fprintf(stderr, "  SKIP %s: %s\n", t_cur_name, reason); } while (0)

/* Runs one named case; use directly for data-driven tests (one case per corpus file). */
static void t_begin(const char *name) { t_cur_name = name; t_cur_failed = 0; t_cur_skipped = 0; }
static void t_end(void) {
    if (t_cur_failed) t_failed++;
    else if (t_cur_skipped) t_skipped++;
    else t_passed++;
}
#define T_RUN(fn) do { t_begin(#fn); fn(); t_end(); } while (0)

static int t_finish(const char *suite) {
    if (t_skipped) printf("%s: %d passed, %d failed, %d skipped\n", suite, t_passed, t_failed, t_skipped);
    else printf("%s: %d passed, %d failed\n", suite, t_passed, t_failed);
    return t_failed ? 1 : 0;
}

/* The corpus root: $HAOLINE_CORPUS or ../shared/corpus (tests run from the project root). */
T_UNUSED static const char *t_corpus(void) {
    const char *c = getenv("HAOLINE_CORPUS");
    return (c && *c) ? c : "../shared/corpus";
}

/* Reads a whole file into malloc'd memory; NULL when it cannot. */
T_UNUSED static unsigned char *t_read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = (unsigned char *)malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
        if (buf) { buf[n] = 0; *size = (size_t)n; }
    }
    fclose(f);
    return buf;
}
/* A growing in-memory output: an hln_write_fn for the writers and reports (user: t_membuf *). */
typedef struct t_membuf { unsigned char *p; size_t n, cap; } t_membuf;
T_UNUSED static int t_mem_write(void *user, const void *bytes, size_t n) {
    t_membuf *b = (t_membuf *)user;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 65536;
        unsigned char *q;
        while (cap < b->n + n) cap *= 2;
        if (!(q = (unsigned char *)realloc(b->p, cap))) return 0;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, bytes, n);
    b->n += n;
    return 1;
}

/* Model files store little-endian numbers: these read them the same on any host. */
T_UNUSED static uint32_t t_le_u32(const void *p) {
    const unsigned char *b = (const unsigned char *)p;
    return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}
/* Stores the low n bytes of v little-endian (the test's hand-built files, on any host). */
T_UNUSED static void t_put_le(void *p, uint64_t v, int n) {
    unsigned char *b = (unsigned char *)p;
    int i;
    for (i = 0; i < n; i++) b[i] = (unsigned char)(v >> (8 * i));
}
T_UNUSED static float t_le_f32(const void *p) { uint32_t u = t_le_u32(p); float f; memcpy(&f, &u, 4); return f; }
/* n little-endian floats as a malloc'd host array (NULL when out of memory) */
T_UNUSED static float *t_le_f32_array(const void *p, size_t n) {
    float *v = (float *)malloc(n ? n * sizeof(float) : 1);
    size_t i;
    if (v) for (i = 0; i < n; i++) v[i] = t_le_f32((const unsigned char *)p + 4 * i);
    return v;
}
#endif
