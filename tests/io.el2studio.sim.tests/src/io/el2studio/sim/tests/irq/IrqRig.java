package io.el2studio.sim.tests.irq;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.Interrupts;
import io.el2studio.sim.machine.MiniMachine;

/**
 * A MiniMachine whose first 256 KiB of RAM are NOPs: code at {@link #CODE}, vector tables of EL1, EL2
 * and EL3 at {@link #VBAR1}..{@link #VBAR3} (so that a taken exception lands on a NOP and the test
 * reads where it went). Instruction words are hand-encoded; the assembly is in the comments.
 */
final class IrqRig {
    static final long CODE = 0x4000_0000L, VBAR1 = 0x4001_0000L, VBAR2 = 0x4002_0000L, VBAR3 = 0x4003_0000L;
    static final long DATA = 0x4003_8000L;
    static final int NOP = 0xd503201f, WFI = 0xd503207f, WFE = 0xd503205f, SEV = 0xd503209f, SEVL = 0xd50320bf;
    static final int MSR_DAIFCLR_I = 0xd50342ff; // msr daifclr, #0x2
    static final int MSR_DAIFCLR_F = 0xd50341ff; // msr daifclr, #0x1
    static final int ERET = 0xd69f03e0;
    static final int LDXR_X1_X0 = 0xc85f7c01; // ldxr x1, [x0]
    static final int STR_X2_X0 = 0xf9000002; // str x2, [x0]
    /** Bits of HCR_EL2 and SCR_EL3 (Arm ARM D19.2). */
    static final long RW = 1L << 31, FMO = 1L << 3, IMO = 1L << 4, AMO = 1L << 5, VF = 1L << 6, VI = 1L << 7, VSE = 1L << 8,
            TWI = 1L << 13, TGE = 1L << 27, E2H = 1L << 34;
    static final long SCR_BASE = 0x531, SCR_IRQ = 1L << 1, SCR_FIQ = 1L << 2, SCR_EA = 1L << 3;
    static final int D = 0x200, A = 0x100, I = 0x80, F = 0x40;

    final MiniMachine m;

    IrqRig(int pes) {
        m = new MiniMachine(CpuProfile.max(), CODE, 16 << 20, pes);
        byte[] nops = new byte[0x40000];
        for (int i = 0; i < nops.length; i += 4) {
            nops[i] = 0x1f;
            nops[i + 1] = 0x20;
            nops[i + 2] = 0x03;
            nops[i + 3] = (byte) 0xd5;
        }
        m.load(CODE, nops);
        for (Cpu c : m.cpus) {
            c.vbar[1] = VBAR1;
            c.vbar[2] = VBAR2;
            c.vbar[3] = VBAR3;
        }
    }

    Cpu cpu(int i) {
        return m.cpu(i);
    }

    /** Writes instruction words at {@code pa}. */
    void code(long pa, int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        m.load(pa, b);
    }

    /** Puts PE {@code i} at CODE in {@code el} (SP_ELx, or SP_EL0 at EL0) with the given DAIF, HCR_EL2 and SCR_EL3. */
    Cpu at(int i, int el, int daif, long hcr, long scr) {
        Cpu c = m.cpu(i);
        c.pc = CODE;
        c.el = el;
        c.spsel = el != 0;
        c.daif = daif;
        c.hcrEl2 = hcr | RW;
        c.scrEl3 = scr | SCR_BASE;
        Interrupts.stateChanged(c);
        return c;
    }

    /** The vector a taken exception of kind {@code kind} (0x80 IRQ, 0x100 FIQ, 0x180 SError) lands on. */
    static long vector(long vbar, boolean fromLower, int kind) {
        return vbar + (fromLower ? 0x400 : 0x200) + kind;
    }
}
