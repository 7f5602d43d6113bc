/* Floating point: double and float arithmetic, fused multiply-add, square root, conversions. */
#include "lib.h"

int main(void)
{
    double x = 1.0, sum = 0.0, prod = 1.0;
    for (int i = 1; i <= 50; i++) {
        x = x * 1.1 + 1.0 / i;
        sum += x / (i + 0.5);
        prod *= 1.0 + 1.0 / (i * i);
    }
    print_double("x", x);
    print_double("sum", sum);
    print_double("prod", prod);
    print_double("sqrt2", __builtin_sqrt(2.0));
    print_double("fma", __builtin_fma(0.1, 10.0, -1.0));
    float f = 0.0f, g = 3.0f;
    for (int i = 0; i < 100; i++) {
        f += g / (float)(i + 1);
        g = g * 0.97f + 0.01f;
    }
    print_float("f", f);
    print_float("g", g);
    print_float("sqrtf", __builtin_sqrtf(f));
    double vals[] = { -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 1e10, -7.75, 3.999999 };
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        double v = vals[i];
        printf("cvt %ld %lu %d %ld %ld %ld\n", (long)v, (unsigned long)(v < 0 ? -v : v), (int)(float)v,
               (long)__builtin_round(v), (long)__builtin_floor(v), (long)__builtin_ceil(v));
    }
    volatile double zero = 0.0;
    double inf = 1.0 / zero, nan = zero / zero;
    union { double d; uint64_t u; } bi = { inf }, bn = { nan }, bm = { -nan };
    printf("inf %016lx nan %016lx -nan %016lx cmp %d %d %d\n", bi.u, bn.u, bm.u, nan == nan, inf > 1e308, nan < 1.0);
    double mn = __builtin_fmin(-0.0, 0.0), mx = __builtin_fmax(nan, 2.0);
    print_double("fmin", mn);
    print_double("fmax", mx);
    long long big = 0x7fffffffffffffffll;
    print_double("i64tod", (double)big);
    print_float("u32tof", (float)0xffffffffu);
    print_double("denorm", 4.9e-324 * 3.0);
    flush();
    return 0;
}
