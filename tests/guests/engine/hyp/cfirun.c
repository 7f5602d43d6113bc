/* C side of cfirun.S: main calls through the assembler frames into leaf callbacks. */
long expr_frame(long (*f)(long), long x);
long reg_frame(long (*f)(long), long x);

volatile long sink;

__attribute__((noinline)) long leaf(long x) {
    sink = x;
    return x + 1;
}

__attribute__((noinline)) long via_expr(long x) {
    return expr_frame(leaf, x) * 2;
}

__attribute__((noinline)) long nested(long x) {
    return reg_frame(via_expr, x) + 1;
}

int main(void) {
    long a = expr_frame(leaf, 3);
    long b = reg_frame(leaf, 4);
    long c = nested(5);
    sink = a + b + c;
    return (int)(sink & 0x7f);
}
