/* Debug engine test program: the types a hypervisor's C uses (structs, unions, bitfields, enums,
 * arrays, typedefs, qualifiers, pointers, function pointers), each in a variable to print. */
#include <stdint.h>

typedef uint64_t u64;
typedef unsigned int u32;

enum vm_state { VM_OFF, VM_RUNNING = 2, VM_BLOCKED = 5 };

struct esr_fields {
    u32 iss : 25;
    u32 il : 1;
    u32 ec : 6;
};

union esr {
    u32 raw;
    struct esr_fields f;
};

struct vcpu {
    int id;
    enum vm_state state;
    u64 regs[4];
    union esr last_esr;
    const char *name;
    struct vcpu *next;
    signed char prio;
    unsigned short flags;
    _Bool runnable;
    double load;
};

struct vm {
    u32 vmid;
    struct vcpu vcpus[2];
    int (*handler)(struct vcpu *, u64);
    volatile u64 *mmio;
    char tag[8];
};

static int handle_hvc(struct vcpu *v, u64 imm) {
    v->regs[0] = imm + (u64)v->id;
    return (int)imm;
}

struct vm the_vm = {
    .vmid = 7,
    .vcpus = { { .id = 0, .state = VM_RUNNING, .name = "vcpu0", .prio = -3, .runnable = 1, .load = 0.5 },
               { .id = 1, .state = VM_BLOCKED, .name = "vcpu1", .flags = 0x8001 } },
    .handler = handle_hvc,
    .tag = "guest",
};
const int primes[5] = { 2, 3, 5, 7, 11 };
int matrix[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
volatile u64 counter;

static u64 decode(union esr e) {
    struct esr_fields f = e.f;
    u64 r = (u64)f.ec << 32 | f.iss;
    return r + f.il;
}

int trap(struct vm *vm, int which, u32 raw) {
    struct vcpu *v = &vm->vcpus[which & 1];
    union esr e;
    e.raw = raw;
    v->last_esr = e;
    u64 d = decode(e);
    counter += d;
    if (e.f.ec == 0x16) {
        return vm->handler(v, e.f.iss & 0xffff);
    }
    return -1;
}

int main(void) {
    int sum = 0;
    the_vm.vcpus[0].next = &the_vm.vcpus[1];
    for (int i = 0; i < 5; i++) {
        sum += primes[i] * matrix[i & 1][i % 3];
    }
    sum += trap(&the_vm, 0, 0x5a000042u);
    sum += trap(&the_vm, 1, 0x92000046u);
    counter += (u64)sum;
    return sum & 0x7f;
}
