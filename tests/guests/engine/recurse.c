/* Debug engine test program: recursion, mutual recursion and calls through function pointers. */
typedef long (*op_fn)(long, long);

static long add(long a, long b) { return a + b; }
static long mul(long a, long b) { return a * b; }

op_fn ops[2] = { add, mul };
volatile long sink;

long fact(int n) {
    if (n <= 1) {
        return 1;
    }
    return n * fact(n - 1);
}

int is_odd(unsigned n);

int is_even(unsigned n) {
    if (n == 0) {
        return 1;
    }
    return is_odd(n - 1);
}

int is_odd(unsigned n) {
    if (n == 0) {
        return 0;
    }
    return is_even(n - 1);
}

long fold(const long *xs, int n, op_fn f, long init) {
    long acc = init;
    for (int i = 0; i < n; i++) {
        acc = f(acc, xs[i]);
    }
    return acc;
}

int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void) {
    long xs[4] = { 1, 2, 3, 4 };
    long s = fold(xs, 4, ops[0], 0);
    long p = fold(xs, 4, ops[1], 1);
    long f = fact(6);
    int e = is_even(7);
    int fb = fib(7);
    sink = s + p + f + e + fb;
    return (int)(sink & 0x7f);
}
