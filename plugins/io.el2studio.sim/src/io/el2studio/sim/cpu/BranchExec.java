package io.el2studio.sim.cpu;

/**
 * Branches (Arm ARM C4.1.65, "Branches, Exception Generating and System instructions": conditional
 * branch (immediate), unconditional branch (immediate and register), compare and branch, test and
 * branch). Handlers write {@link Cpu#npc}.
 */
public final class BranchExec {
    private BranchExec() {
    }

    static long imm26(int w) {
        return (long) (w << 6 >> 6) << 2;
    }

    static long imm19(int w) {
        return (long) (w << 8 >> 13) << 2;
    }

    static long imm14(int w) {
        return (long) (w << 13 >> 18) << 2;
    }

    public static void b(Cpu cpu, int w) {
        cpu.npc = cpu.pc + imm26(w);
    }

    public static void bl(Cpu cpu, int w) {
        cpu.x[30] = cpu.pc + 4;
        cpu.npc = cpu.pc + imm26(w);
    }

    public static void bcond(Cpu cpu, int w) {
        if (cpu.conditionHolds(w & 0xF)) {
            cpu.npc = cpu.pc + imm19(w);
        }
    }

    /** CBZ/CBNZ: sf selects Wt or Xt; bit 24 is op (1 = CBNZ). */
    public static void cb(Cpu cpu, int w) {
        int rt = w & 31;
        long v = (w >>> 31) != 0 ? cpu.x(rt) : cpu.w(rt);
        boolean nonzero = (w & (1 << 24)) != 0;
        if ((v != 0) == nonzero) {
            cpu.npc = cpu.pc + imm19(w);
        }
    }

    /** TBZ/TBNZ: bit number b5:b40; bit 24 is op (1 = TBNZ). */
    public static void tb(Cpu cpu, int w) {
        int bit = ((w >>> 26) & 0x20) | ((w >>> 19) & 0x1F);
        boolean set = ((cpu.x(w & 31) >>> bit) & 1) != 0;
        if (set == ((w & (1 << 24)) != 0)) {
            cpu.npc = cpu.pc + imm14(w);
        }
    }

    public static void br(Cpu cpu, int w) {
        cpu.npc = cpu.x((w >>> 5) & 31);
    }

    /** BLR: the target is read before X30 is written (BLR X30 branches to the old X30). */
    public static void blr(Cpu cpu, int w) {
        long target = cpu.x((w >>> 5) & 31);
        cpu.x[30] = cpu.pc + 4;
        cpu.npc = target;
    }

    public static void ret(Cpu cpu, int w) {
        cpu.npc = cpu.x((w >>> 5) & 31);
    }

    /** ERET: UNDEFINED at EL0; otherwise AArch64.ExceptionReturn from ELR/SPSR of the current EL. */
    public static void eret(Cpu cpu, int w) {
        if (cpu.el == 0) {
            throw GuestFault.undefined();
        }
        Exceptions.exceptionReturn(cpu);
    }
}
