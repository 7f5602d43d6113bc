/* Debug engine test program: C calling the assembler functions of asmfunc.S and called back by them. */
long asm_sum(const long *xs, long n);
long asm_twice(long (*f)(long), long x);

long data[5] = { 5, 4, 3, 2, 1 };
volatile long result;

long plus3(long x) {
    long y = x + 3;
    return y;
}

int main(void) {
    long s = asm_sum(data, 5);
    long t = asm_twice(plus3, s);
    result = s + t;
    return (int)(result & 0x7f);
}
