package io.el2studio.sim.mmu;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The address translation instructions AT S1E0R ... S1E3W (Arm ARM C5.5, D8.16 "Address translation
 * instructions"; pseudocode AArch64.AT): translate as the named EL and access would, without side
 * effects (the TLB is neither filled nor used) and report in PAR_EL1. A fault is reported in PAR_EL1,
 * except a stage 2 fault on the stage 1 walk of an AT S1E0*&#47;S1E1* executed at EL1, which is taken
 * to EL2 as a Data Abort (S1PTW = 1, CM = 1).
 */
public final class AtOps {
    private AtOps() {
    }

    /** PAR_EL1 bit 11 is RES1 (the long-descriptor format bit, always 1 in AArch64). */
    static final long PAR_RES1 = 1L << 11;

    static boolean host(Cpu c) {
        return (c.hcrEl2 & (El2Regs.HCR_E2H | El2Regs.HCR_TGE)) == (El2Regs.HCR_E2H | El2Regs.HCR_TGE);
    }

    public static void at(Mmu mmu, Cpu c, String op, long va) {
        boolean write = op.endsWith("w") || op.endsWith("wp");
        int kind = write ? Cpu.WRITE : Cpu.READ;
        Regime regime;
        boolean priv = true, pan = false, stage2 = false;
        switch (op) {
            case "s1e0r", "s1e0w" -> {
                regime = c.el == 2 && host(c) ? Regime.EL20 : Regime.EL10;
                priv = false;
            }
            case "s1e1r", "s1e1w" -> regime = c.el == 2 && host(c) ? Regime.EL20 : Regime.EL10;
            case "s1e1rp", "s1e1wp" -> {
                regime = c.el == 2 && host(c) ? Regime.EL20 : Regime.EL10;
                pan = c.pan;
            }
            case "s1e2r", "s1e2w" -> regime = (c.hcrEl2 & El2Regs.HCR_E2H) != 0 ? Regime.EL20 : Regime.EL2;
            case "s12e0r", "s12e0w" -> {
                regime = Regime.EL10;
                priv = false;
                stage2 = true;
            }
            case "s12e1r", "s12e1w" -> {
                regime = Regime.EL10;
                stage2 = true;
            }
            default -> regime = Regime.EL3;
        }
        MmuRegs regs = MmuRegs.of(c, regime);
        c.parEl1 = par(c, regs, va, kind, priv, pan, stage2 && regs.stage2Enabled(), op);
    }

    /** PAR_EL1 for one translation (D19.2 PAR_EL1). */
    static long par(Cpu c, MmuRegs regs, long va, int kind, boolean priv, boolean pan, boolean stage2, String op) {
        try {
            Entry e = new Walker(c.bus, regs, null).translate(va, kind, stage2);
            if (!stage2) {
                e.s2Enabled = false;
                e.paBase = e.ipaBase;
                e.attr = e.s1Attr;
                e.sh = e.s1Sh;
            }
            Mmu.check(e, regs, kind, priv, pan, false, false, va);
            long pa = e.pa(va);
            long ns = regs.regime() == Regime.EL3 ? 0 : 1L << 9;
            return (long) e.attr << 56 | (pa & Walker.OA_MASK) | PAR_RES1 | ns | (long) e.sh << 7;
        } catch (WalkFault f) {
            if (f.s1ptw && f.stage2 && c.el == 1) {
                throw Aborts.abort(c, f, va, kind, regs.regime(), true);
            }
            return 1L | (long) f.statusCode() << 1 | (f.s1ptw ? 1L << 8 : 0) | (f.stage2 ? 1L << 9 : 0) | PAR_RES1;
        }
    }

    /** DC by VA: a translation in the current regime whose faults are Data Aborts with CM = 1 (no permission check). */
    static void translateForMaintenance(Mmu mmu, Cpu c, long va) {
        Mmu.Bank b = mmu.banks[c.el];
        if (!b.matches(c)) {
            b.refresh(c);
        }
        try {
            mmu.entryFor(b, va, Cpu.READ);
        } catch (WalkFault f) {
            throw Aborts.abort(c, f, va, Cpu.READ, b.regs.regime(), true);
        }
    }
}
