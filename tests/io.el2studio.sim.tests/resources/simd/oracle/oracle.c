// Reads records {u32 word; u32 pad; u64 v[64]; u64 x[31]; u64 fpsr} from stdin,
// executes each word with that state, writes the same record layout with the state after.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <signal.h>
#include <setjmp.h>
struct rec { uint32_t word, pad; uint64_t v[64]; uint64_t x[31]; uint64_t fpsr; };
extern char stub_begin[], stub_insn[], stub_end[];
static sigjmp_buf jb;
static void on_ill(int s) { siglongjmp(jb, 1); }
int main(void) {
    char *page = mmap(0, 4096, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
    memcpy(page, stub_begin, stub_end - stub_begin);
    uint32_t *slot = (uint32_t *)(page + (stub_insn - stub_begin));
    void (*fn)(struct rec *) = (void (*)(struct rec *))page;
    signal(SIGILL, on_ill);
    struct rec r;
    while (fread(&r, sizeof r, 1, stdin) == 1) {
        *slot = r.word;
        __builtin___clear_cache(page, page + 4096);
        if (sigsetjmp(jb, 1) == 0) {
            fn(&r);
        } else {
            r.pad = 0xDEAD;
        }
        fwrite(&r, sizeof r, 1, stdout);
    }
    return 0;
}
