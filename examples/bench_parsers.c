/* examples/bench_parsers.c - parser cases of `haoline bench`: a 70B-llama-like GGUF header,
 * a 3,000-tensor SafeTensors header and a Llama-3-70B SafeTensors header (723 tensors, Hugging
 * Face names in the writer's sorted order), written by the bench itself into sparse files. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <unistd.h>

/* ---- synthetic files ---- */
typedef struct buf { uint8_t *p; size_t n, cap; } buf;
static void put(buf *b, const void *s, size_t n) {
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1 << 20;
        while (cap < b->n + n) cap *= 2;
        b->p = (uint8_t *)realloc(b->p, cap);
        if (!b->p) { fprintf(stderr, "bench: out of memory\n"); exit(1); }
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}
static void put_u(buf *b, uint64_t v, int n) { uint8_t t[8]; int i; for (i = 0; i < n; i++) t[i] = (uint8_t)(v >> (8 * i)); put(b, t, (size_t)n); }
static void put_gstr(buf *b, const char *s, size_t n) { put_u(b, n, 8); put(b, s, n); }
static void put_key(buf *b, const char *k, uint32_t type) { put_gstr(b, k, strlen(k)); put_u(b, type, 4); }

/* A file of `total` bytes whose first header.n bytes are the header and the rest a hole. */
static const uint8_t *map_sparse(const buf *header, uint64_t total, const char *tag, char *path, size_t cap) {
    int fd;
    void *p;
    snprintf(path, cap, "/tmp/haoline-bench-%s-%ld", tag, (long)getpid());
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return NULL;
    if (write(fd, header->p, header->n) != (ssize_t)header->n || ftruncate(fd, (off_t)total) != 0) { close(fd); return NULL; }
    p = mmap(NULL, (size_t)total, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    unlink(path);
    return p == MAP_FAILED ? NULL : (const uint8_t *)p;
}

/* A 70B-llama-like GGUF: 80 layers, 723 tensor infos (Q4_K matrices, F32 norms), a
   128,256-token vocabulary with scores and types, 280,147 merges. Returns the header length. */
static uint64_t make_llama70b(buf *b, uint64_t *total) {
    static const struct { const char *name; uint64_t ne0, ne1; } L[9] = {
        { "attn_norm", 8192, 0 }, { "attn_q", 8192, 8192 }, { "attn_k", 8192, 1024 }, { "attn_v", 8192, 1024 },
        { "attn_output", 8192, 8192 }, { "ffn_norm", 8192, 0 }, { "ffn_gate", 8192, 28672 },
        { "ffn_up", 8192, 28672 }, { "ffn_down", 28672, 8192 } };
    const uint64_t vocab = 128256, merges = 280147;
    uint64_t i, offset = 0, n_tensors = 3 + 80 * 9;
    char s[64];
    int layer, k;
    put(b, "GGUF", 4); put_u(b, 3, 4); put_u(b, n_tensors, 8); put_u(b, 13, 8);
    put_key(b, "general.architecture", 8); put_gstr(b, "llama", 5);
    put_key(b, "general.name", 8); put_gstr(b, "bench-70b", 9);
    put_key(b, "llama.block_count", 4); put_u(b, 80, 4);
    put_key(b, "llama.context_length", 4); put_u(b, 131072, 4);
    put_key(b, "llama.embedding_length", 4); put_u(b, 8192, 4);
    put_key(b, "llama.feed_forward_length", 4); put_u(b, 28672, 4);
    put_key(b, "llama.attention.head_count", 4); put_u(b, 64, 4);
    put_key(b, "llama.attention.head_count_kv", 4); put_u(b, 8, 4);
    put_key(b, "tokenizer.ggml.model", 8); put_gstr(b, "gpt2", 4);
    put_key(b, "tokenizer.ggml.tokens", 9); put_u(b, 8, 4); put_u(b, vocab, 8);
    for (i = 0; i < vocab; i++) { int n = snprintf(s, sizeof s, "tok%llu", (unsigned long long)(i * 7919 % 1000003)); put_gstr(b, s, (size_t)n); }
    put_key(b, "tokenizer.ggml.scores", 9); put_u(b, 6, 4); put_u(b, vocab, 8);
    for (i = 0; i < vocab; i++) { float f = -(float)i; uint32_t u; memcpy(&u, &f, 4); put_u(b, u, 4); }
    put_key(b, "tokenizer.ggml.token_type", 9); put_u(b, 5, 4); put_u(b, vocab, 8);
    for (i = 0; i < vocab; i++) put_u(b, 1, 4);
    put_key(b, "tokenizer.ggml.merges", 9); put_u(b, 8, 4); put_u(b, merges, 8);
    for (i = 0; i < merges; i++) { int n = snprintf(s, sizeof s, "m%llu n%llu", (unsigned long long)(i % 977), (unsigned long long)(i % 1013)); put_gstr(b, s, (size_t)n); }
    /* tensor infos; Q4_K = type 12, 144 bytes per 256 elements */
#define TINFO(nm, a, c, ty, bytes) do { put_gstr(b, nm, strlen(nm)); put_u(b, (c) ? 2 : 1, 4); put_u(b, a, 8); if (c) put_u(b, c, 8); \
        put_u(b, ty, 4); put_u(b, offset, 8); offset += ((bytes) + 31) / 32 * 32; } while (0)
    TINFO("token_embd.weight", 8192, vocab, 12, 8192 * vocab / 256 * 144);
    for (layer = 0; layer < 80; layer++)
        for (k = 0; k < 9; k++) {
            snprintf(s, sizeof s, "blk.%d.%s.weight", layer, L[k].name);
            if (L[k].ne1) TINFO(s, L[k].ne0, L[k].ne1, 12, L[k].ne0 * L[k].ne1 / 256 * 144);
            else TINFO(s, L[k].ne0, 0, 0, L[k].ne0 * 4);
        }
    TINFO("output_norm.weight", 8192, 0, 0, 8192 * 4);
    TINFO("output.weight", 8192, vocab, 12, 8192 * vocab / 256 * 144);
#undef TINFO
    {
        uint64_t header = b->n, data_start = (header + 31) / 32 * 32;
        *total = data_start + offset;
        return header;
    }
}

/* Closes header h (padded to 8 bytes) and writes length and header into b; the file is the
   header and off data bytes. Returns the header's end. */
static uint64_t st_finish(buf *b, buf *h, uint64_t off, uint64_t *total) {
    uint64_t hdr_len;
    put(h, "}", 1);
    while (h->n % 8) put(h, " ", 1);
    hdr_len = h->n;
    put_u(b, hdr_len, 8);
    put(b, h->p, h->n);
    free(h->p);
    *total = 8 + hdr_len + off;
    return 8 + hdr_len;
}

static uint64_t make_st3000(buf *b, uint64_t *total) {
    char s[256];
    uint64_t off = 0;
    int i, n;
    buf h = { 0, 0, 0 };
    put(&h, "{\"__metadata__\":{\"format\":\"pt\"}", 31);
    for (i = 0; i < 3000; i++) {
        uint64_t rows = 1024 + (uint64_t)(i % 7) * 128, bytes = rows * 4096 * 2;
        n = snprintf(s, sizeof s, ",\"model.layers.%d.mlp.proj_%d.weight\":{\"dtype\":\"F16\",\"shape\":[%llu,4096],\"data_offsets\":[%llu,%llu]}",
                     i / 10, i % 10, (unsigned long long)rows, (unsigned long long)off, (unsigned long long)(off + bytes));
        put(&h, s, (size_t)n);
        off += bytes;
    }
    return st_finish(b, &h, off, total);
}

typedef struct st_entry { char name[64]; uint64_t rows, cols; } st_entry;
static int cmp_entry(const void *a, const void *b) { return strcmp(((const st_entry *)a)->name, ((const st_entry *)b)->name); }

/* Llama-3-70B in Hugging Face names and BF16 (80 layers of 9 tensors, embeddings, final norm,
   lm_head), sorted by name as the safetensors writer stores one dtype's tensors. */
static uint64_t make_st_llama70b(buf *b, uint64_t *total) {
    static const st_entry layer[9] = { { "input_layernorm", 8192, 0 }, { "mlp.down_proj", 8192, 28672 },
        { "mlp.gate_proj", 28672, 8192 }, { "mlp.up_proj", 28672, 8192 }, { "post_attention_layernorm", 8192, 0 },
        { "self_attn.k_proj", 1024, 8192 }, { "self_attn.o_proj", 8192, 8192 }, { "self_attn.q_proj", 8192, 8192 },
        { "self_attn.v_proj", 1024, 8192 } };
    static st_entry e[723] = { { "lm_head.weight", 128256, 8192 }, { "model.embed_tokens.weight", 128256, 8192 },
                               { "model.norm.weight", 8192, 0 } };
    char s[256];
    uint64_t off = 0;
    int i, j, n, k = 3;
    buf h = { 0, 0, 0 };
    for (i = 0; i < 80; i++)
        for (j = 0; j < 9; j++, k++) {
            snprintf(e[k].name, sizeof e[k].name, "model.layers.%d.%.30s.weight", i, layer[j].name);
            e[k].rows = layer[j].rows;
            e[k].cols = layer[j].cols;
        }
    qsort(e, 723, sizeof *e, cmp_entry);
    put(&h, "{\"__metadata__\":{\"format\":\"pt\"}", 31);
    for (i = 0; i < 723; i++) {
        uint64_t bytes = e[i].rows * (e[i].cols ? e[i].cols : 1) * 2;
        char shape[48];
        if (e[i].cols) snprintf(shape, sizeof shape, "%llu,%llu", (unsigned long long)e[i].rows, (unsigned long long)e[i].cols);
        else snprintf(shape, sizeof shape, "%llu", (unsigned long long)e[i].rows);
        n = snprintf(s, sizeof s, ",\"%s\":{\"dtype\":\"BF16\",\"shape\":[%s],\"data_offsets\":[%llu,%llu]}", e[i].name, shape,
                     (unsigned long long)off, (unsigned long long)(off + bytes));
        put(&h, s, (size_t)n);
        off += bytes;
    }
    return st_finish(b, &h, off, total);
}

const uint8_t *bench_llama70b(uint64_t *total) {
    buf b = { 0, 0, 0 };
    char path[256];
    const uint8_t *p;
    make_llama70b(&b, total);
    p = map_sparse(&b, *total, "llama70b", path, sizeof path);
    free(b.p);
    return p;
}

typedef struct parse_arg { const uint8_t *p; uint64_t n; int st; int ok; } parse_arg;
static void parse_once(void *arg) {
    parse_arg *a = (parse_arg *)arg;
    hln_model *m = NULL;
    hln_error e;
    hln_result r;
    if (a->st) { hln_st_options o; memset(&o, 0, sizeof o); r = hln_st_parse(&o, a->p, a->n, &m, &e); }
    else { hln_gguf_options o; memset(&o, 0, sizeof o); r = hln_gguf_parse(&o, a->p, a->n, &m, &e); }
    if (r != HLN_OK && a->ok) fprintf(stderr, "bench: parse failed: %s: %s\n", e.path, e.message);
    a->ok = r == HLN_OK;
    hln_model_free(m);
}

void bench_parsers(bench_ctx *ctx) {
    struct { const char *name, *tag; uint64_t (*make)(buf *, uint64_t *); int st; } cases[3] = {
        { "parse/gguf-llama70b-header", "gguf", make_llama70b, 0 },
        { "parse/safetensors-3000-tensors", "st", make_st3000, 1 },
        { "parse/safetensors-llama70b-723", "st70b", make_st_llama70b, 1 } };
    int c;
    for (c = 0; c < 3; c++) {
        buf b = { 0, 0, 0 };
        uint64_t total = 0, header;
        char path[256], note[160];
        parse_arg a;
        double t;
        if (!bench_want(ctx, cases[c].name)) continue;
        header = cases[c].make(&b, &total);
        a.p = map_sparse(&b, total, cases[c].tag, path, sizeof path);
        a.n = total;
        a.st = cases[c].st;
        a.ok = 1;
        free(b.p);
        if (!a.p) { fprintf(stderr, "bench: cannot create %s\n", path); continue; }
        t = bench_time(parse_once, &a, 0.5);
        snprintf(note, sizeof note, "%s; header %.2f MB, file %.1f GB sparse, fully validated",
                 a.ok ? "ok" : "PARSE FAILED", (double)header / 1e6, (double)total / 1e9);
        bench_row(ctx, cases[c].name, (double)header, t, note);
        munmap((void *)a.p, (size_t)total);
    }
}
