// haoline_kernels.cu - optional CUDA companion of haoline_kernels.h: dequantize and GEMV for
// Q4_0, Q8_0, Q4_K, Q6_K and TQ2_0 on the GPU, using the same block structs.
//
//   nvcc -O2 -std=c++14 -I. -c haoline_kernels.cu     (then link with your program)
//
// Dequantization rounds exactly like the CPU reference (explicit __fmul_rn/__fsub_rn, so
// nvcc's default multiply-add fusion cannot change a bit). GEMV: one warp per row, each lane
// takes whole blocks, integer dot per block, float accumulation, warp-shuffle reduction; x is
// the activation row already quantized on the host (Q8_0 or Q8_K, see hln_k_vec_dot_type).
// MIT License, see haoline_kernels.h.
#include "haoline_kernels.h"
#include <cuda_runtime.h>

namespace {

__device__ __forceinline__ uint16_t ld16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
__device__ __forceinline__ float ldf(const uint8_t *p) {
    uint32_t u = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    return __uint_as_float(u);
}
// Exact binary16 -> binary32 (subnormals, inf, nan), no reliance on cuda_fp16.
__device__ __forceinline__ float h2f(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu, bits;
    if (exp == 0x1f) bits = sign | 0x7f800000u | (mant << 13);
    else if (exp != 0) bits = sign | ((exp + 112u) << 23) | (mant << 13);
    else if (mant == 0) bits = sign;
    else {
        uint32_t e = 113;
        while (!(mant & 0x400u)) { mant <<= 1; e--; }
        bits = sign | (e << 23) | ((mant & 0x3ffu) << 13);
    }
    return __uint_as_float(bits);
}
__device__ __forceinline__ void q4k_scale_min(int j, const uint8_t *s, int &sc, int &m) {
    if (j < 4) { sc = s[j] & 63; m = s[j + 4] & 63; }
    else { sc = (s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4); m = (s[j + 4] >> 4) | ((s[j] >> 6) << 4); }
}

// ---- dequantization: one thread per block ----
__global__ void dequant_kernel(hln_k_type type, const uint8_t *src, float *dst, int64_t nb) {
    int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= nb) return;
    switch (type) {
    case HLN_K_Q4_0: {
        const uint8_t *b = src + i * sizeof(hln_k_block_q4_0);
        float d = h2f(ld16(b)), *y = dst + i * 32;
        for (int j = 0; j < 16; j++) {
            y[j] = __fmul_rn((float)((b[2 + j] & 0xF) - 8), d);
            y[j + 16] = __fmul_rn((float)((b[2 + j] >> 4) - 8), d);
        }
        break;
    }
    case HLN_K_Q8_0: {
        const uint8_t *b = src + i * sizeof(hln_k_block_q8_0);
        float d = h2f(ld16(b)), *y = dst + i * 32;
        for (int j = 0; j < 32; j++) y[j] = __fmul_rn((float)(int8_t)b[2 + j], d);
        break;
    }
    case HLN_K_Q4_K: {
        const uint8_t *b = src + i * sizeof(hln_k_block_q4_K), *q = b + 16;
        float d = h2f(ld16(b)), dmin = h2f(ld16(b + 2)), *y = dst + i * 256;
        for (int j = 0; j < 8; j += 2, q += 32) {
            int s, m;
            q4k_scale_min(j, b + 4, s, m);
            float d1 = __fmul_rn(d, (float)s), m1 = __fmul_rn(dmin, (float)m);
            q4k_scale_min(j + 1, b + 4, s, m);
            float d2 = __fmul_rn(d, (float)s), m2 = __fmul_rn(dmin, (float)m);
            for (int l = 0; l < 32; l++) *y++ = __fsub_rn(__fmul_rn(d1, (float)(q[l] & 0xF)), m1);
            for (int l = 0; l < 32; l++) *y++ = __fsub_rn(__fmul_rn(d2, (float)(q[l] >> 4)), m2);
        }
        break;
    }
    case HLN_K_Q6_K: {
        const uint8_t *b = src + i * sizeof(hln_k_block_q6_K), *ql = b, *qh = b + 128;
        const int8_t *sc = (const int8_t *)(b + 192);
        float d = h2f(ld16(b + 208)), *y = dst + i * 256;
        for (int n = 0; n < 2; n++, y += 128, ql += 64, qh += 32, sc += 8)
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                y[l] = __fmul_rn(__fmul_rn(d, (float)sc[is]), (float)q1);
                y[l + 32] = __fmul_rn(__fmul_rn(d, (float)sc[is + 2]), (float)q2);
                y[l + 64] = __fmul_rn(__fmul_rn(d, (float)sc[is + 4]), (float)q3);
                y[l + 96] = __fmul_rn(__fmul_rn(d, (float)sc[is + 6]), (float)q4);
            }
        break;
    }
    case HLN_K_TQ2_0: {
        const uint8_t *b = src + i * sizeof(hln_k_block_tq2_0);
        float d = h2f(ld16(b + 64)), *y = dst + i * 256;
        for (int h = 0; h < 64; h += 32)
            for (int l = 0; l < 4; l++)
                for (int j = 0; j < 32; j++) *y++ = __fmul_rn((float)(((b[h + j] >> (2 * l)) & 3) - 1), d);
        break;
    }
    default: break;
    }
}

// ---- dot of one weight block with its activation block ----
__device__ float block_dot(hln_k_type type, const uint8_t *b, const uint8_t *xb) {
    switch (type) {
    case HLN_K_Q4_0: case HLN_K_Q8_0: {
        const int8_t *xq = (const int8_t *)(xb + 2);
        int s = 0;
        if (type == HLN_K_Q8_0) for (int j = 0; j < 32; j++) s += (int8_t)b[2 + j] * xq[j];
        else for (int j = 0; j < 16; j++) s += ((b[2 + j] & 0xF) - 8) * xq[j] + ((b[2 + j] >> 4) - 8) * xq[j + 16];
        return (float)s * (h2f(ld16(b)) * h2f(ld16(xb)));
    }
    case HLN_K_Q4_K: {
        const int8_t *xq = (const int8_t *)(xb + 4);
        int isum = 0, msum = 0;
        for (int p = 0; p < 4; p++) {
            int s0, m0, s1, m1, lo = 0, hi = 0;
            q4k_scale_min(2 * p, b + 4, s0, m0); q4k_scale_min(2 * p + 1, b + 4, s1, m1);
            for (int l = 0; l < 32; l++) { lo += (b[16 + 32 * p + l] & 0xF) * xq[64 * p + l]; hi += (b[16 + 32 * p + l] >> 4) * xq[64 * p + 32 + l]; }
            isum += s0 * lo + s1 * hi;
            int bs0 = (int16_t)ld16(xb + 260 + 8 * p) + (int16_t)ld16(xb + 262 + 8 * p);
            int bs1 = (int16_t)ld16(xb + 264 + 8 * p) + (int16_t)ld16(xb + 266 + 8 * p);
            msum += m0 * bs0 + m1 * bs1;
        }
        float dx = ldf(xb);
        return h2f(ld16(b)) * dx * (float)isum - h2f(ld16(b + 2)) * dx * (float)msum;
    }
    case HLN_K_Q6_K: {
        const int8_t *xq = (const int8_t *)(xb + 4), *sc = (const int8_t *)(b + 192);
        int isum = 0;
        for (int e = 0; e < 256; e += 16) {
            int s = 0;
            for (int j = e; j < e + 16; j++) {
                int h = j / 128, r = j % 128, k = r / 32, l = r % 32;
                int lo = (b[64 * h + 32 * (k & 1) + l] >> (4 * (k >> 1))) & 0xF, hi = (b[128 + 32 * h + l] >> (2 * k)) & 3;
                s += ((lo | (hi << 4)) - 32) * xq[j];
            }
            isum += s * sc[e / 16];
        }
        return h2f(ld16(b + 208)) * ldf(xb) * (float)isum;
    }
    case HLN_K_TQ2_0: {
        const int8_t *xq = (const int8_t *)(xb + 4);
        int s = 0;
        for (int j = 0; j < 256; j++) s += (((b[(j / 128) * 32 + j % 32] >> (2 * ((j % 128) / 32))) & 3) - 1) * xq[j];
        return h2f(ld16(b + 64)) * ldf(xb) * (float)s;
    }
    default: return 0.0f;
    }
}

__global__ void gemv_kernel(hln_k_type type, const uint8_t *w, size_t row_bytes, int wsize, int xsize,
                            int64_t rows, int64_t nb, const uint8_t *x, float *y) {
    int64_t row = (int64_t)blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    if (row >= rows) return;
    const uint8_t *wr = w + row * row_bytes;
    float sum = 0.0f;
    for (int64_t i = lane; i < nb; i += 32) sum += block_dot(type, wr + i * wsize, x + i * xsize);
    for (int off = 16; off > 0; off >>= 1) sum += __shfl_down_sync(0xffffffffu, sum, off);
    if (lane == 0) y[row] = sum;
}

int block_elems(hln_k_type t) { return (t == HLN_K_Q4_0 || t == HLN_K_Q8_0) ? 32 : 256; }
int block_bytes(hln_k_type t) {
    switch (t) {
    case HLN_K_Q4_0: return (int)sizeof(hln_k_block_q4_0);
    case HLN_K_Q8_0: return (int)sizeof(hln_k_block_q8_0);
    case HLN_K_Q4_K: return (int)sizeof(hln_k_block_q4_K);
    case HLN_K_Q6_K: return (int)sizeof(hln_k_block_q6_K);
    case HLN_K_TQ2_0: return (int)sizeof(hln_k_block_tq2_0);
    default: return 0;
    }
}

} // namespace

extern "C" int hln_k_cuda_dequantize(hln_k_type type, const void *src, float *dst, int64_t n, void *stream) {
    int be = block_elems(type);
    if (!block_bytes(type)) return HLN_K_ERR_TYPE;
    if (n < 0 || n % be) return HLN_K_ERR_SIZE;
    if (n == 0) return HLN_K_OK;
    if (!src || !dst) return HLN_K_ERR_ARG;
    int64_t nb = n / be;
    dequant_kernel<<<(unsigned)((nb + 127) / 128), 128, 0, (cudaStream_t)stream>>>(type, (const uint8_t *)src, dst, nb);
    cudaError_t e = cudaGetLastError();
    return e == cudaSuccess ? HLN_K_OK : 1000 + (int)e;
}

extern "C" int hln_k_cuda_gemv(hln_k_type type, const void *w, int64_t rows, int64_t cols, const void *xq, float *y, void *stream) {
    int be = block_elems(type), wsize = block_bytes(type);
    if (!wsize) return HLN_K_ERR_TYPE;
    if (cols < 0 || cols % be || rows < 0) return HLN_K_ERR_SIZE;
    if (rows == 0) return HLN_K_OK;
    if (!w || !xq || !y) return HLN_K_ERR_ARG;
    int xsize = be == 32 ? (int)sizeof(hln_k_block_q8_0) : (int)sizeof(hln_k_block_q8_K);
    int64_t nb = cols / be;
    const int warps = 4;
    gemv_kernel<<<(unsigned)((rows + warps - 1) / warps), 32 * warps, 0, (cudaStream_t)stream>>>(
        type, (const uint8_t *)w, (size_t)(nb * wsize), wsize, xsize, rows, nb, (const uint8_t *)xq, y);
    cudaError_t e = cudaGetLastError();
    return e == cudaSuccess ? HLN_K_OK : 1000 + (int)e;
}
