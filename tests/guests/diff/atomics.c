/* Atomics: fetch-add, exchange, compare-and-swap loops (LL/SC with -march=armv8-a, LSE with +lse). */
#include "lib.h"

static uint32_t c32;
static uint64_t c64;
static uint8_t c8;
static uint16_t c16;

int main(void)
{
    uint64_t acc = 0;
    for (int i = 0; i < 100; i++) {
        acc += __atomic_fetch_add(&c32, (uint32_t)i, __ATOMIC_SEQ_CST);
        acc += __atomic_fetch_sub(&c64, (uint64_t)i * 3, __ATOMIC_ACQ_REL);
        acc ^= __atomic_fetch_or(&c8, (uint8_t)(1u << (i & 7)), __ATOMIC_RELAXED);
        acc += __atomic_fetch_xor(&c16, (uint16_t)(i * 257), __ATOMIC_RELEASE);
        acc += __atomic_fetch_and(&c64, ~(uint64_t)(1ull << (i & 63)), __ATOMIC_ACQUIRE);
    }
    printf("acc %016lx c32 %u c64 %016lx c8 %x c16 %x\n", acc, c32, c64, c8, c16);
    uint64_t old = __atomic_exchange_n(&c64, 0x1122334455667788ull, __ATOMIC_SEQ_CST);
    printf("xchg old %016lx\n", old);
    /* a CAS loop computing a running maximum */
    for (int i = 0; i < 50; i++) {
        uint32_t v = (uint32_t)(i * 2654435761u) >> 4;
        uint32_t cur = __atomic_load_n(&c32, __ATOMIC_RELAXED);
        while (v > cur && !__atomic_compare_exchange_n(&c32, &cur, v, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
        }
    }
    uint64_t expected = 5;
    int ok1 = __atomic_compare_exchange_n(&c64, &expected, 6, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("max %u cas-fail %d expected %016lx\n", c32, ok1, expected);
    int ok2 = __atomic_compare_exchange_n(&c64, &expected, 6, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas-ok %d c64 %lx\n", ok2, c64);
    __atomic_store_n(&c8, 0xa5, __ATOMIC_RELEASE);
    printf("byte %x add-fetch %u\n", __atomic_load_n(&c8, __ATOMIC_ACQUIRE), __atomic_add_fetch(&c32, 1, __ATOMIC_SEQ_CST));
    flush();
    return 0;
}
