/* Debug engine test program: inlined helpers (static inline and always_inline), nested inlining,
 * and a loop whose body is inlined code, as hypervisor fast paths are written. */
#include <stdint.h>

struct page { uint64_t pa; unsigned attrs; };

static inline __attribute__((always_inline)) uint64_t pte_make(uint64_t pa, unsigned attrs) {
    return (pa & ~0xfffull) | attrs | 1;
}

static inline int pte_valid(uint64_t pte) {
    return (int)(pte & 1);
}

static inline __attribute__((always_inline)) uint64_t map_one(struct page *p) {
    uint64_t pte = pte_make(p->pa, p->attrs);
    return pte_valid(pte) ? pte : 0;
}

uint64_t table[8];
struct page pages[8];

__attribute__((noinline)) int fill(int n) {
    int valid = 0;
    for (int i = 0; i < n; i++) {
        table[i] = map_one(&pages[i]);
        valid += pte_valid(table[i]);
    }
    return valid;
}

int main(void) {
    for (int i = 0; i < 8; i++) {
        pages[i].pa = 0x40000000ull + (uint64_t)i * 0x1000;
        pages[i].attrs = (unsigned)(i << 2);
    }
    int v = fill(8);
    return v == 8 ? 0 : 1;
}
