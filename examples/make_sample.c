/* make_sample - writes examples/sample.gguf, the small model the README inspects.
 *
 *   cc -std=c99 examples/make_sample.c -o build/make_sample -lm && build/make_sample OUT.gguf
 *
 * A llama-shaped model (2 layers, n_embd 64, 4 heads, 2 KV heads, vocabulary 128) with
 * deterministic pseudo-random F32 weights, written with haoline_gguf.h's own writer. */
#define HAOLINE_IMPLEMENTATION
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_EMBD 64
#define N_FF 128
#define N_VOCAB 128
#define N_LAYER 2
#define KV_DIM 32   /* 2 KV heads of 16 */

static int write_file(void *f, const void *p, size_t n) { return fwrite(p, 1, n, (FILE *)f) == n; }

static hln_kv kv_u32(const char *key, uint32_t v) { hln_kv k; memset(&k, 0, sizeof k); k.key = key; k.type = HLN_KV_U32; k.v.u = v; return k; }
static hln_kv kv_str(const char *key, const char *s) { hln_kv k; memset(&k, 0, sizeof k); k.key = key; k.type = HLN_KV_STRING; k.v.s.ptr = s; k.v.s.len = strlen(s); return k; }

int main(int argc, char **argv) {
    static const struct { const char *name; int rows, cols; } layer[9] = {
        { "attn_norm", 0, N_EMBD }, { "attn_q", N_EMBD, N_EMBD }, { "attn_k", KV_DIM, N_EMBD }, { "attn_v", KV_DIM, N_EMBD },
        { "attn_output", N_EMBD, N_EMBD }, { "ffn_norm", 0, N_EMBD }, { "ffn_gate", N_FF, N_EMBD },
        { "ffn_up", N_FF, N_EMBD }, { "ffn_down", N_EMBD, N_FF } };
    hln_model *m;
    hln_error err;
    hln_kv kvs[16];
    hln_tensor ts[3 + 9 * N_LAYER];
    int64_t dims[3 + 9 * N_LAYER][2];
    char names[3 + 9 * N_LAYER][48];
    static float weights[1 << 20];
    static uint8_t vocab[N_VOCAB * 16];
    size_t used = 0, vbytes = 0;
    uint32_t seed = 12345, n = 0, l, k, i;
    FILE *f;
    if (argc != 2) { fprintf(stderr, "usage: make_sample OUT.gguf\n"); return 2; }
    for (i = 0; i < N_VOCAB; i++) {   /* tokens "t0".."t127", as a GGUF string array view */
        char tok[8];
        uint64_t len = (uint64_t)snprintf(tok, sizeof tok, "t%u", i);
        for (k = 0; k < 8; k++) vocab[vbytes++] = (uint8_t)(len >> (8 * k));
        memcpy(vocab + vbytes, tok, (size_t)len);
        vbytes += (size_t)len;
    }
    if (hln_model_create(NULL, &m) != HLN_OK) return 1;
    n = 0;
    kvs[n++] = kv_str("general.architecture", "llama");
    kvs[n++] = kv_str("general.name", "haoline-sample");
    kvs[n++] = kv_str("general.license", "mit");
    kvs[n++] = kv_u32("llama.block_count", N_LAYER);
    kvs[n++] = kv_u32("llama.context_length", 4096);
    kvs[n++] = kv_u32("llama.embedding_length", N_EMBD);
    kvs[n++] = kv_u32("llama.feed_forward_length", N_FF);
    kvs[n++] = kv_u32("llama.attention.head_count", 4);
    kvs[n++] = kv_u32("llama.attention.head_count_kv", 2);
    kvs[n++] = kv_u32("llama.vocab_size", N_VOCAB);
    kvs[n++] = kv_str("tokenizer.ggml.model", "gpt2");
    memset(&kvs[n], 0, sizeof kvs[n]);
    kvs[n].key = "tokenizer.ggml.tokens";
    kvs[n].type = HLN_KV_ARRAY;
    kvs[n].v.a.type = HLN_KV_STRING;
    kvs[n].v.a.count = N_VOCAB;
    kvs[n].v.a.data = vocab;
    kvs[n].v.a.n_bytes = vbytes;
    n++;
    m->kv = kvs;
    m->n_kv = n;

    n = 0;
#define ADD(nm, r, c) do { uint64_t cnt = (uint64_t)((r) ? (r) : 1) * (uint64_t)(c); \
        snprintf(names[n], sizeof names[n], "%s", nm); memset(&ts[n], 0, sizeof ts[n]); \
        ts[n].name = names[n]; ts[n].dtype = HLN_DTYPE_F32; ts[n].n_dims = (r) ? 2 : 1; \
        dims[n][0] = (r) ? (r) : (c); dims[n][1] = (c); ts[n].dims = dims[n]; \
        ts[n].n_elements = cnt; ts[n].n_bytes = cnt * 4; ts[n].data = weights + used; \
        for (i = 0; i < cnt; i++) { seed = seed * 1664525u + 1013904223u; weights[used + i] = (r) ? ((float)(seed >> 8) / 16777216.0f - 0.5f) * 0.1f : 1.0f; } \
        used += cnt; n++; } while (0)
    ADD("token_embd.weight", N_VOCAB, N_EMBD);
    for (l = 0; l < N_LAYER; l++)
        for (k = 0; k < 9; k++) {
            char nm[48];
            snprintf(nm, sizeof nm, "blk.%u.%s.weight", l, layer[k].name);
            ADD(nm, layer[k].rows, layer[k].cols);
        }
    ADD("output_norm.weight", 0, N_EMBD);
    ADD("output.weight", N_VOCAB, N_EMBD);
#undef ADD
    m->tensors = ts;
    m->n_tensors = n;
    m->alignment = 32;
    f = fopen(argv[1], "wb");
    if (!f) { perror(argv[1]); return 1; }
    if (hln_gguf_write(m, write_file, f, &err) != HLN_OK || fclose(f) != 0) {
        fprintf(stderr, "make_sample: %s\n", err.message);
        return 1;
    }
    m->kv = NULL; m->n_kv = 0; m->tensors = NULL; m->n_tensors = 0;   /* not the arena's */
    hln_model_free(m);
    printf("wrote %s: %u tensors, %zu parameters\n", argv[1], n, used);
    return 0;
}
