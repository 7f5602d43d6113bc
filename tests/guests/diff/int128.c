/* 128-bit arithmetic: multiplication, division and remainder (libgcc), shifts, comparisons. */
#include "lib.h"

typedef unsigned __int128 u128;
typedef __int128 s128;

static void p128(const char *l, u128 v)
{
    printf("%s %016lx%016lx\n", l, (uint64_t)(v >> 64), (uint64_t)v);
}

int main(void)
{
    u128 a = ((u128)0x0123456789abcdefull << 64) | 0xfedcba9876543210ull;
    u128 b = 0xffffffffffffffc5ull; /* a 64-bit prime */
    volatile uint64_t seed = 0xdeadbeefcafebabeull;
    for (int i = 0; i < 20; i++) {
        u128 prod = a * (b + (u128)i);
        u128 quo = prod / (b - (u128)i * 977);
        u128 rem = prod % (b - (u128)i * 977);
        p128("mul", prod);
        p128("div", quo);
        p128("rem", rem);
        a = (a << 7) ^ (a >> 3) ^ (u128)seed * (u128)(i + 1);
    }
    s128 x = -((s128)1 << 100) + 12345;
    for (int i = 0; i < 8; i++) {
        s128 q = x / (s128)(-(1000 + i * 333));
        s128 r = x % (s128)(-(1000 + i * 333));
        p128("sdiv", (u128)q);
        p128("srem", (u128)r);
        p128("sar", (u128)(x >> (i * 15 + 1)));
        x = x * 3 + q;
    }
    uint64_t hi = (uint64_t)(((u128)seed * seed) >> 64);
    int64_t shi = (int64_t)(((s128)(int64_t)seed * (int64_t)~seed) >> 64);
    printf("umulh %016lx smulh %016lx cmp %d %d\n", hi, (uint64_t)shi, a > b, (s128)a < 0);
    flush();
    return 0;
}
