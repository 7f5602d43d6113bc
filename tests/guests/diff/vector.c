/* Loops GCC vectorizes at -O3: sum, min and max over arrays, a byte histogram, saxpy, dot product. */
#include "lib.h"

#define N 1000
static int32_t a[N], b[N];
static uint8_t bytes[4 * N];
static float xs[N], ys[N];
static int16_t h16[N];
static uint32_t hist[256];

int main(void)
{
    uint32_t s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (int32_t)(s >> 8) - (1 << 22);
        b[i] = (int32_t)(s % 1000) - 500;
        xs[i] = (float)(int32_t)(s % 2001 - 1000) / 64.0f;
        ys[i] = (float)i * 0.25f;
        h16[i] = (int16_t)(s >> 13);
    }
    for (int i = 0; i < 4 * N; i++) bytes[i] = (uint8_t)(i * 37 + (i >> 3));
    int64_t sum = 0; int32_t mn = a[0], mx = a[0]; int64_t dot = 0;
    for (int i = 0; i < N; i++) sum += a[i];
    for (int i = 0; i < N; i++) mn = a[i] < mn ? a[i] : mn;
    for (int i = 0; i < N; i++) mx = a[i] > mx ? a[i] : mx;
    for (int i = 0; i < N; i++) dot += (int64_t)a[i] * b[i];
    printf("sum %ld min %d max %d dot %ld\n", sum, mn, mx, dot);
    for (int i = 0; i < 4 * N; i++) hist[bytes[i]]++;
    uint32_t hh = 0;
    for (int i = 0; i < 256; i++) hh = hh * 33 + hist[i];
    printf("hist %08x h[0]=%u h[255]=%u\n", hh, hist[0], hist[255]);
    for (int i = 0; i < N; i++) ys[i] = 2.5f * xs[i] + ys[i];
    float fs = 0;
    for (int i = 0; i < N; i++) fs += ys[i];
    union { float f; uint32_t u; } fb = { fs };
    printf("saxpy sum bits %08x\n", fb.u);
    int32_t hs = 0; int16_t hmax = -32768;
    for (int i = 0; i < N; i++) { hs += h16[i] * 3; hmax = h16[i] > hmax ? h16[i] : hmax; }
    printf("h16 %d %d\n", hs, hmax);
    for (int i = 0; i < 4 * N; i++) bytes[i] = (uint8_t)(bytes[i] + (bytes[i] >> 2)) ^ 0x5a;
    uint32_t bs = 0;
    for (int i = 0; i < 4 * N; i++) bs += bytes[i];
    for (int i = 0; i < N; i++) a[i] = (a[i] >> 3) * (b[i] | 1) - (a[i] < 0 ? 7 : -7);
    int64_t s2 = 0;
    for (int i = 0; i < N; i++) s2 ^= (int64_t)a[i] << (i & 15);
    printf("bytes %u mix %ld\n", bs, s2);
    flush();
    return 0;
}
