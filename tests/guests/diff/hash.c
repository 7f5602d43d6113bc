/* Integer hashing over generated data: FNV-1a (32 and 64 bit), the murmur3 finalizer, bitwise CRC-32. */
#include "lib.h"

static uint8_t data[4096];

static uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    return *s = x;
}

static uint32_t fnv1a32(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    while (n--) { h ^= *p++; h *= 16777619u; }
    return h;
}

static uint64_t fnv1a64(const uint8_t *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    while (n--) { h ^= *p++; h *= 1099511628211ull; }
    return h;
}

static uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ull; k ^= k >> 33;
    return k;
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

int main(void)
{
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(xorshift64(&s) >> 24);
    for (size_t n = 1; n <= sizeof data; n *= 4) {
        printf("n=%4u fnv32=%08x fnv64=%016lx crc32=%08x\n", (unsigned)n, fnv1a32(data, n), fnv1a64(data, n), crc32(data, n));
    }
    uint64_t acc = 0;
    for (uint64_t i = 0; i < 1000; i++) acc += fmix64(i * 0x100000001b3ull) >> (i & 31);
    printf("fmix64 sum %016lx\n", acc);
    int32_t m = 1;
    for (int i = 0; i < 100; i++) m = m * 31 + (int32_t)(data[i] - 128) / 3 - (int32_t)(data[i + 1] % 7);
    printf("signed mix %d %x\n", m, (unsigned)m);
    uint32_t rot = 0x12345678;
    for (int i = 0; i < 64; i++) rot = (rot << (i & 31)) | (rot >> ((32 - (i & 31)) & 31)), rot ^= (uint32_t)i * 0x9e3779b9u;
    printf("rotates %08x clz %d ctz %d pop %d\n", rot, __builtin_clz(rot | 1), __builtin_ctzll(acc | 1ull << 63), __builtin_popcountll(acc));
    flush();
    return 0;
}
