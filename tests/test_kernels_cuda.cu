// tests/test_kernels_cuda.cu - haoline_kernels.cu against the CPU _ref functions.
//
//   nvcc -O2 -std=c++14 -I. tests/test_kernels_cuda.cu haoline_kernels.cu -o build/test_kernels_cuda
//
// Dequantization must be bit-identical; GEMV within 1e-5 * sum|w_i x_i| of hln_k_vec_dot_ref
// (float accumulation order differs). Prints "test_kernels_cuda: N passed, N failed".
#define HAOLINE_KERNELS_IMPLEMENTATION
#include "../haoline_kernels.h"
#include "test.h"
#include <cuda_runtime.h>

static const hln_k_type types[] = { HLN_K_Q4_0, HLN_K_Q8_0, HLN_K_Q4_K, HLN_K_Q6_K, HLN_K_TQ2_0 };

static double t_abs(double v) { return v < 0 ? -v : v; }
static uint32_t rng = 2463534242u;
static float rndf(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return (float)(rng % 2000001) / 1000000.0f - 1.0f; }

// A rows x cols matrix: the corpus rows first when present, then random rows.
static unsigned char *make_weights(hln_k_type type, int rows, int cols) {
    size_t rs = hln_k_row_size(type, cols), sz = 0;
    unsigned char *w = (unsigned char *)malloc(rs * rows);
    float *f = (float *)malloc(sizeof(float) * cols);
    char path[1024];
    snprintf(path, sizeof path, "%s/quant/%s.bin", t_corpus(), hln_k_type_name(type));
    unsigned char *corpus = t_read_file(path, &sz);
    int first = 0;
    if (corpus && cols == 4096 && sz == 4 * rs) { memcpy(w, corpus, sz); first = 4; }
    free(corpus);
    for (int r = first; r < rows; r++) {
        float scale = 0.01f + (float)(r % 7);
        for (int j = 0; j < cols; j++) f[j] = rndf() * scale;
        hln_k_quantize(type, f, w + rs * r, cols);
    }
    free(f);
    return w;
}

static void run_type(hln_k_type type, int rows, int cols) {
    char name[64];
    snprintf(name, sizeof name, "cuda/%s/%dx%d", hln_k_type_name(type), rows, cols);
    t_begin(name);
    size_t rs = hln_k_row_size(type, cols), n = (size_t)rows * cols;
    hln_k_type at = hln_k_vec_dot_type(type);
    size_t xs = hln_k_row_size(at, cols);
    unsigned char *w = make_weights(type, rows, cols), *xq = (unsigned char *)malloc(xs);
    float *x = (float *)malloc(sizeof(float) * cols), *ref = (float *)malloc(sizeof(float) * n);
    float *got = (float *)malloc(sizeof(float) * n), *y = (float *)malloc(sizeof(float) * rows);
    float *xd = (float *)malloc(sizeof(float) * cols), *wd = (float *)malloc(sizeof(float) * cols);
    for (int j = 0; j < cols; j++) x[j] = rndf();
    hln_k_quantize(at, x, xq, cols);
    hln_k_dequantize_ref(at, xq, xd, cols);
    void *dw = NULL, *dx = NULL; float *dout = NULL, *dy = NULL;
    T_CHECK(cudaMalloc(&dw, rs * rows) == cudaSuccess);
    T_CHECK(cudaMalloc(&dx, xs) == cudaSuccess);
    T_CHECK(cudaMalloc((void **)&dout, sizeof(float) * n) == cudaSuccess);
    T_CHECK(cudaMalloc((void **)&dy, sizeof(float) * rows) == cudaSuccess);
    cudaMemcpy(dw, w, rs * rows, cudaMemcpyHostToDevice);
    cudaMemcpy(dx, xq, xs, cudaMemcpyHostToDevice);
    T_EQ_I64(hln_k_cuda_dequantize(type, dw, dout, (int64_t)n, NULL), 0);
    T_EQ_I64(hln_k_cuda_gemv(type, dw, rows, cols, dx, dy, NULL), 0);
    T_CHECK(cudaDeviceSynchronize() == cudaSuccess);
    cudaMemcpy(got, dout, sizeof(float) * n, cudaMemcpyDeviceToHost);
    cudaMemcpy(y, dy, sizeof(float) * rows, cudaMemcpyDeviceToHost);
    hln_k_dequantize_ref(type, w, ref, (int64_t)n);
    T_CHECKF(memcmp(got, ref, sizeof(float) * n) == 0, "%s dequant differs", hln_k_type_name(type));
    int bad = 0;
    for (int r = 0; r < rows; r++) {
        float want;
        double absdot = 0;
        hln_k_vec_dot_ref(type, cols, w + rs * r, xq, &want);
        hln_k_dequantize_ref(type, w + rs * r, wd, cols);
        for (int j = 0; j < cols; j++) absdot += t_abs((double)wd[j] * xd[j]);
        if (t_abs(y[r] - want) > 1e-5 * absdot + 1e-30) {
            if (bad++ < 3) fprintf(stderr, "  %s row %d: gpu %.9g ref %.9g\n", hln_k_type_name(type), r, y[r], want);
        }
    }
    T_EQ_I64(bad, 0);
    cudaFree(dw); cudaFree(dx); cudaFree(dout); cudaFree(dy);
    free(w); free(xq); free(x); free(ref); free(got); free(y); free(xd); free(wd);
    t_end();
}

int main(void) {
    int count = 0;
    if (cudaGetDeviceCount(&count) != cudaSuccess || count == 0) {
        t_begin("cuda/device"); T_SKIP("no CUDA device"); t_end();
        return t_finish("test_kernels_cuda");
    }
    t_begin("cuda/errors");
    T_EQ_I64(hln_k_cuda_dequantize(HLN_K_IQ2_XXS, NULL, NULL, 256, NULL), HLN_K_ERR_TYPE);
    T_EQ_I64(hln_k_cuda_gemv(HLN_K_Q4_K, NULL, 1, 255, NULL, NULL, NULL), HLN_K_ERR_SIZE);
    t_end();
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        run_type(types[t], 4, 4096);
        run_type(types[t], 1000, 4096);
        run_type(types[t], 37, 768);
    }
    return t_finish("test_kernels_cuda");
}
