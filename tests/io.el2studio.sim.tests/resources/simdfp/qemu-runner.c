// Oracle runner: for each case {word, fpcr, v0, v1, v2}, execute the word with V0..V2 loaded and
// FPCR set, FPSR cleared; write {v0 after, fpsr}. Cases in, results out, both raw binary.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <signal.h>
#include <setjmp.h>
struct in { uint32_t word, fpcr; uint8_t v[3][16]; };
struct out { uint8_t v0[16]; uint32_t fpsr, status; };
extern void run_one(void *code, const void *vin, void *vout, uint64_t fpcr);
__asm__(
".global run_one\n"
"run_one:\n"
"  stp x29, x30, [sp, -16]!\n"
"  msr fpcr, x3\n"
"  msr fpsr, xzr\n"
"  ldp q0, q1, [x1]\n"
"  ldr q2, [x1, #32]\n"
"  blr x0\n"
"  str q0, [x2]\n"
"  mrs x4, fpsr\n"
"  str w4, [x2, #16]\n"
"  msr fpcr, xzr\n"
"  ldp x29, x30, [sp], 16\n"
"  ret\n");
static sigjmp_buf jb;
static void onill(int s) { siglongjmp(jb, 1); }
int main(int argc, char **argv) {
  FILE *fi = fopen(argv[1], "rb"), *fo = fopen(argv[2], "wb");
  uint32_t *code = mmap(0, 4096, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
  signal(SIGILL, onill);
  struct in c; struct out o;
  while (fread(&c, sizeof c, 1, fi) == 1) {
    code[0] = c.word; code[1] = 0xd65f03c0;
    __builtin___clear_cache((char*)code, (char*)(code + 2));
    memset(&o, 0, sizeof o);
    if (sigsetjmp(jb, 1) == 0) { run_one(code, c.v, &o, c.fpcr); o.status = 0; }
    else { o.status = 1; __asm__ volatile("msr fpcr, xzr"); }
    fwrite(&o, sizeof o, 1, fo);
    fflush(fo); /* a QEMU abort on some word must not lose the results before it */
  }
  fclose(fo);
  return 0;
}
