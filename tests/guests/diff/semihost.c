/* The other semihosting calls: files, stdin at end of file, errors, command line, heap, clock,
   the feature file, and SYS_EXIT with a reason other than ApplicationExit (status 1). */
#include "lib.h"

static long call3(long op, long a, long b, long c) { long blk[3] = { a, b, c }; return semihost(op, blk); }
static long call1(long op, long a) { long blk[1] = { a }; return semihost(op, blk); }

int main(void)
{
    long in = call3(0x01, (long)":tt", 0, 3);       /* "r": stdin */
    long out = call3(0x01, (long)":tt", 4, 3);      /* "w": stdout */
    long err = call3(0x01, (long)":tt", 8, 3);      /* "a": stderr */
    printf("handles distinct %d positive %d\n", in != out && out != err && in != err, in > 0 && out > 0 && err > 0);
    printf("istty %ld %ld\n", call1(0x09, in), call1(0x09, out));
    char buf[16];
    printf("read at eof: not read %ld of 8\n", call3(0x06, in, (long)buf, 8));
    const char msg[] = "to stderr via SYS_WRITE\n";
    printf("write returns %ld\n", call3(0x05, err, (long)msg, sizeof msg - 1));
    long bad = call1(0x0C, 9999);                    /* SYS_FLEN of a bad handle */
    printf("flen bad %ld iserror %ld iserror(0) %ld\n", bad, call1(0x08, bad), call1(0x08, 0));
    long missing = call3(0x01, (long)"/no/such/file/here", 0, 18);
    printf("open missing %ld\n", missing);
    long feat = call3(0x01, (long)":semihosting-features", 0, 21);
    unsigned char f[8] = { 0 };
    long left = call3(0x06, feat, (long)f, 8);
    printf("features left %ld magic %c%c%c%c ext %02x\n", left, f[0], f[1], f[2], f[3], f[4] & 3);
    printf("close %ld\n", call1(0x02, feat));
    long hi[4] = { 0, 0, 0, 0 };
    long *p = hi;
    semihost(0x16, &p);
    printf("heapinfo call returned\n");
    long t = semihost(0x11, 0);
    long c = semihost(0x10, 0);
    printf("time plausible %d clock plausible %d\n", t > 1600000000L, c >= 0 && c < 100000);
    flush();
    long blk[2] = { 0x20023 /* ADP_Stopped_RunTimeErrorUnknown */, 42 };
    semihost(0x18, blk);
    return 7; /* not reached */
}
