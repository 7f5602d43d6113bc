/* Debug engine test program for value printing: floats, strings with repeats and embedded NULs,
 * long arrays (gdb's 200-element limit and <repeats N times>), flag enums, signed bitfields,
 * anonymous members, qualifiers, pointers to pointers and arrays of function pointers. Nothing is
 * computed; the debugger prints the initialised globals from the ELF. */
#include <stdint.h>

typedef uint8_t u8;
typedef int32_t s32;
typedef unsigned long long u64ll;

enum perm { PERM_R = 1, PERM_W = 2, PERM_X = 4 };
enum colour { RED, GREEN = 10, BLUE = -1 };
enum big { BIG_ONE = 1, BIG_HUGE = 0x100000000ll };

struct flags {
    int lo : 3;
    unsigned mid : 7;
    signed hi : 5;
    unsigned long long wide : 40;
    _Bool ok : 1;
};

struct inner { short a; char b; };

struct outer {
    int kind;
    union {
        uint32_t word;
        struct { uint16_t lo, hi; } half;
    };
    struct { int x, y; } pos;
    struct inner in[2];
    const volatile int *cvp;
    void *opaque;
    float ratio;
    long double huge;
};

struct flex { int n; int data[]; };

typedef int (*binop)(int, int);
typedef struct outer outer_t;

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }

float f_half = 0.5f, f_third = 1.0f / 3, f_big = 1e20f, f_neg = -2.25f;
double d_tenth = 0.1, d_eleven = 1.1, d_big = 1e100, d_small = 1.5e-10, d_negzero = -0.0, d_int = 42.0;
double d_list[4] = { 1, 2.5, -3.75, 1e16 };
char s_plain[8] = "hello";
char s_repeat[32] = "aaaaaaaaaaaaaaaaaaab";
char s_nuls[12] = "a\0b\0\0c";
char s_full[4] = { 'a', 'b', 'c', 'd' };
char s_esc[8] = "\t\n\"\\\x01\x7f\xe9";
unsigned char u_bytes[6] = { 1, 2, 3, 250, 0, 0 };
signed char sc_bytes[3] = { -1, 65, 0 };
u8 u8_arr[16] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 2, 3, 4 };
int zeros[20];
int mostly[25] = { 1, 2, [5] = 3, [6 ... 18] = 9, [24] = 4 };
int longarr[300] = { [0 ... 9] = 1, [10 ... 299] = 2 };
short ramp[210] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
int cube[2][2][3] = { { { 1, 2, 3 }, { 4, 5, 6 } }, { { 7, 8, 9 }, { 10, 11, 12 } } };
enum perm p_rw = PERM_R | PERM_W, p_odd = 8 | PERM_X, p_zero = 0;
enum colour c_blue = BLUE, c_green = GREEN, c_unknown = 3;
enum big b_huge = BIG_HUGE;
struct flags fl = { -3, 100, -16, 0x123456789ull, 1 };
struct outer out = { 3, { .word = 0x12345678 }, { -1, 2 }, { { 1, 'x' }, { -2, 0 } }, 0, 0, 0.75f, 2.5L };
outer_t *outp = &out;
outer_t **outpp = &outp;
const char *names[3] = { "zero", "one", 0 };
const char *const cname = "const";
char *volatile vname;
binop ops[2] = { add, sub };
int (*op_ptr)(int, int) = add;
void (*no_args)(void);
int (*unproto)();
int *intp = &mostly[5];
int (*arrp)[3] = &cube[1][0];
struct flex flexi = { 2 };
_Bool yes = 1, no;
long long ll_min = -9223372036854775807ll - 1;
u64ll ull_max = 18446744073709551615ull;
s32 s32_neg = -100;
_Atomic int atom = 5;
int *restrict rptr;
uint16_t u16 = 65535;
int64_t i64 = -1;
char one_char = 'q';

enum mixed { M_A = 1, M_B = 6 };
enum mixed m_both = M_A | M_B, m_one = M_B;
#define TEN(x) x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9
int many[230] = { TEN(0), TEN(10), TEN(20), TEN(30), TEN(40), TEN(50), TEN(60), TEN(70), TEN(80), TEN(90),
                  TEN(100), TEN(110), TEN(120), TEN(130), TEN(140), TEN(150), TEN(160), TEN(170), TEN(180),
                  TEN(190), TEN(200), TEN(210), TEN(220) };
#define S10 "abcdefghij"
char longstr[251] = S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10;
const char *longp = longstr;
struct inner zin[12];
struct inner grid[2][12] = { { [3] = { 5, 'z' } } };

int main(void) {
    /* touch a few globals so -O2 keeps the code meaningful; the result is the exit status */
    return (ops[1](mostly[5], zeros[3]) + op_ptr(1, 2) + s_plain[0] + (int)fl.mid) & 0x7f;
}
