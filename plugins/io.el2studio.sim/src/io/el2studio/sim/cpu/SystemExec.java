package io.el2studio.sim.cpu;

import io.el2studio.sim.sysreg.El2Regs;
import io.el2studio.sim.sysreg.SysRegAccess;

/**
 * Hints, barriers and MSR (immediate) to PSTATE fields (Arm ARM C4.1.65, "Hints", "Barriers",
 * "PSTATE"). Barriers are no-ops: this simulator executes one PE at a time in program order, and
 * writes to code pages invalidate the decode cache (see {@link DecodeCache}).
 */
public final class SystemExec {
    private SystemExec() {
    }

    /** DMB, DSB, ISB: no effect with one PE executing at a time in program order; seen by a profiler. */
    public static void barrier(Cpu cpu, int w) {
        if (cpu.observer != null) {
            cpu.observer.barrier(cpu, w);
        }
    }

    public static void nop(Cpu cpu, int w) {
    }

    /** CLREX: clears the local exclusive monitor. */
    public static void clrex(Cpu cpu, int w) {
        cpu.exclusiveValid = false;
    }

    /**
     * WFI and WFE. Traps first, in the order of AArch64.CheckForWFxTrap: SCTLR_EL1.nTWI/nTWE at EL0
     * (to EL1, or EL2 under TGE), HCR_EL2.TWI/TWE at EL0/EL1 (to EL2), SCR_EL3.TWI/TWE below EL3 (to EL3);
     * EC 0x01 with CV = 1, COND = 0b1110, TI = 0 (WFI) / 1 (WFE).
     * Without a trap, WFI completes at once if a WFI wake-up event is pending, else the PE sleeps;
     * WFE consumes the event register if set, else sleeps unless an interrupt would be taken
     * ({@link Interrupts#wfi}, {@link Interrupts#wfe}).
     */
    public static void wfx(Cpu cpu, int w) {
        boolean wfe = (w & (1 << 5)) == 0; // op2 = 0b010 WFE, 0b011 WFI
        int ti = wfe ? 1 : 0;
        long sctlrBit = wfe ? 1L << 18 : 1L << 16;
        long hcrBit = wfe ? El2Regs.HCR_TWE : El2Regs.HCR_TWI;
        long scrBit = wfe ? 1L << 13 : 1L << 12;
        int target = 0;
        if (cpu.el == 0 && (cpu.sctlr[1] & sctlrBit) == 0 && !El2Regs.tgeAtEl0(cpu)) {
            target = 1;
        } else if (cpu.el <= 1 && El2Regs.el2Enabled(cpu) && ((cpu.hcrEl2 & hcrBit) != 0)) {
            target = 2;
        } else if (cpu.el <= 2 && (cpu.scrEl3 & scrBit) != 0) {
            target = 3;
        }
        if (target != 0) {
            throw new GuestFault(GuestFault.EC_WFX, 1 << 24 | 0xE << 20 | ti, -1, target);
        }
        if (wfe) {
            Interrupts.wfe(cpu);
        } else {
            Interrupts.wfi(cpu);
        }
    }

    /** SEV: an event to every PE of the machine (Arm ARM D1.6.1). */
    public static void sev(Cpu cpu, int w) {
        Interrupts.sev(cpu);
    }

    /** SEVL: an event to this PE only. */
    public static void sevl(Cpu cpu, int w) {
        Interrupts.sendEvent(cpu);
    }

    // ---- MSR (immediate): CRm is the immediate ----

    static int crm(int w) {
        return (w >>> 8) & 15;
    }

    /** MSR SPSel, #imm: UNDEFINED at EL0. */
    public static void msrSpsel(Cpu cpu, int w) {
        if (cpu.el == 0) {
            throw GuestFault.undefined();
        }
        cpu.spsel = (crm(w) & 1) != 0;
    }

    /** MSR DAIFSet/DAIFClr: at EL0 only with SCTLR_EL1.UMA, else trapped to EL1 (EC 0x18). */
    public static void msrDaif(Cpu cpu, int w) {
        if (cpu.el == 0 && (cpu.sctlr[1] & (1L << 9)) == 0) {
            throw SysRegAccess.trap(w, El2Regs.tgeAtEl0(cpu) ? 2 : 1);
        }
        int bits = crm(w) << 6;
        if ((w & (1 << 5)) == 0) {
            cpu.daif |= bits; // op2 = 0b110: DAIFSet
        } else {
            cpu.daif &= ~bits; // op2 = 0b111: DAIFClr
            cpu.irqCheck = true; // may unmask a pending interrupt: taken before the next instruction
        }
    }

    public static void msrPan(Cpu cpu, int w) {
        if (cpu.el == 0) {
            throw GuestFault.undefined();
        }
        cpu.pan = (crm(w) & 1) != 0;
    }

    public static void msrUao(Cpu cpu, int w) {
        if (cpu.el == 0) {
            throw GuestFault.undefined();
        }
        cpu.uao = (crm(w) & 1) != 0;
    }

    public static void msrDit(Cpu cpu, int w) {
        cpu.dit = (crm(w) & 1) != 0;
    }

    public static void msrSsbs(Cpu cpu, int w) {
        cpu.ssbs = (crm(w) & 1) != 0;
    }

    public static void msrTco(Cpu cpu, int w) {
        cpu.tco = (crm(w) & 1) != 0;
    }

    /** CFINV (FEAT_FlagM): invert PSTATE.C. */
    public static void cfinv(Cpu cpu, int w) {
        cpu.nzcv ^= 0x2000_0000;
    }

    /** XAFLAG (FEAT_FlagM2): convert from external to Arm floating-point comparison flags. */
    public static void xaflag(Cpu cpu, int w) {
        boolean z = cpu.z(), c = cpu.c();
        cpu.setNzcv(!c && !z, z && c, c || z, !c && z);
    }

    /** AXFLAG (FEAT_FlagM2): convert from Arm to external floating-point comparison flags. */
    public static void axflag(Cpu cpu, int w) {
        boolean z = cpu.z(), c = cpu.c(), v = cpu.vflag();
        cpu.setNzcv(false, z || v, c && !v, false);
    }
}
