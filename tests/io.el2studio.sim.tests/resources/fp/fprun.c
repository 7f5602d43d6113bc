/*
 * Oracle runner for the scalar FP vectors (tests/.../fp/QemuFpVectors.java): runs one A64 instruction
 * per input line under qemu-aarch64 -cpu max and prints the line followed by the result state.
 * Build: aarch64-linux-gnu-gcc -O1 -static -o fprun fprun.c
 * Input (hex, one vector per line): word fpcr nzcv v1lo v1hi v2lo v2hi v3lo v3hi x1 v0lo v0hi x0
 * Output: the input fields, then v0lo v0hi x0 fpsr nzcv.
 * The instruction reads V1, V2, V3 or X1 and writes V0 or X0 (or NZCV).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

struct state {
    uint64_t v0[2], v1[2], v2[2], v3[2];
    uint64_t fpcr, nzcv, x1, x2, x0, fpsr_out, nzcv_out;
} __attribute__((aligned(16)));

extern char stub_start[], stub_insn[], stub_end[];
__asm__(
    ".text\n.balign 4\n.global stub_start\nstub_start:\n"
    "  mov x10, x0\n"
    "  ldr q0, [x10, #0]\n  ldr q1, [x10, #16]\n  ldr q2, [x10, #32]\n  ldr q3, [x10, #48]\n"
    "  ldr x9, [x10, #64]\n  msr fpcr, x9\n  msr fpsr, xzr\n"
    "  ldr x9, [x10, #72]\n  msr nzcv, x9\n"
    "  ldr x1, [x10, #80]\n  ldr x2, [x10, #88]\n  ldr x0, [x10, #96]\n"
    ".global stub_insn\nstub_insn:\n  nop\n"
    "  str q0, [x10, #0]\n  str x0, [x10, #96]\n"
    "  mrs x9, fpsr\n  str x9, [x10, #104]\n  mrs x9, nzcv\n  str x9, [x10, #112]\n"
    "  msr fpcr, xzr\n  ret\n"
    ".global stub_end\nstub_end:\n");

int main(void) {
    size_t len = stub_end - stub_start;
    char *buf = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(buf, stub_start, len);
    uint32_t *insn = (uint32_t *) (buf + (stub_insn - stub_start));
    void (*run)(struct state *) = (void (*)(struct state *)) buf;
    char line[512];
    static struct state s;
    while (fgets(line, sizeof line, stdin)) {
        unsigned long long w, fpcr, nzcv, a, b, c, d, e, f, x1, g, h, x0;
        if (sscanf(line, "%llx %llx %llx %llx %llx %llx %llx %llx %llx %llx %llx %llx %llx", &w, &fpcr, &nzcv, &a, &b, &c,
                &d, &e, &f, &x1, &g, &h, &x0) != 13) {
            continue;
        }
        memset(&s, 0, sizeof s);
        s.v1[0] = a; s.v1[1] = b; s.v2[0] = c; s.v2[1] = d; s.v3[0] = e; s.v3[1] = f;
        s.v0[0] = g; s.v0[1] = h; s.x0 = x0; s.x1 = x1; s.fpcr = fpcr; s.nzcv = nzcv;
        *insn = (uint32_t) w;
        __builtin___clear_cache(buf, buf + len);
        run(&s);
        line[strcspn(line, "\n")] = 0;
        printf("%s %llx %llx %llx %llx %llx\n", line, (unsigned long long) s.v0[0], (unsigned long long) s.v0[1],
                (unsigned long long) s.x0, (unsigned long long) s.fpsr_out, (unsigned long long) s.nzcv_out);
    }
    return 0;
}
