package io.el2studio.sim.sysreg;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.isa.Feature;

/** MRS and MSR (register) through the table: look up, decide access, then move the value (Arm ARM C6.2.*). */
public final class SysRegExec {
    private SysRegExec() {
    }

    private static SysReg lookup(Cpu cpu, int w) {
        // HCR_EL2.TIDCP: EL1 accesses to the encodings reserved for IMPLEMENTATION DEFINED registers
        // (op0 = 3, CRn = 0b1x11) trap to EL2 with EC 0x18 whether or not a register is there (Arm ARM
        // D19.2 HCR_EL2.TIDCP; at EL0 it is IMPLEMENTATION DEFINED: here UNDEFINED as without TIDCP).
        if ((w & 1 << 19) != 0 && ((w >>> 12) & 0xB) == 0xB && cpu.el == 1 && (cpu.hcrEl2 & 1L << 20) != 0
                && El2Regs.el2Enabled(cpu)) {
            throw SysRegAccess.trap(w, 2);
        }
        SysReg r = SysRegTable.byKey(w >>> 5);
        if (r == null) {
            throw GuestFault.undefined();
        }
        if (r.e2hTarget != null && cpu.el == 2 && (cpu.hcrEl2 & El2Regs.HCR_E2H) != 0) {
            return r.e2hTarget; // FEAT_VHE redirection of EL1 encodings at EL2
        }
        return r;
    }

    /** MRS Xt, (systemreg): 1101010100 1 1 o0 op1 CRn CRm op2 Rt. */
    public static void mrs(Cpu cpu, int w) {
        SysReg r;
        try {
            r = lookup(cpu, w);
        } catch (GuestFault g) {
            throw idst(cpu, w, g);
        }
        GuestFault f = SysRegAccess.decide(cpu, r, true, w);
        if (f != null) {
            throw idst(cpu, w, f);
        }
        cpu.setX(w & 31, r.read(cpu));
        if (cpu.observer != null) {
            cpu.observer.sysreg(cpu, r.name, true);
        }
    }

    /**
     * FEAT_IDST (Arm ARM D1, "ID space trap handling"; the EL0 accessibility pseudocode of MIDR_EL1 and the
     * ID_* registers): an MRS of the feature ID space that would be UNDEFINED is reported with EC 0x18
     * and the MRS syndrome instead of EC 0x00, taken to the EL the UNDEFINED would have gone to (EL1, or
     * EL2 when HCR_EL2.TGE is 1). This covers the EL0 reads of the ID registers and, as QEMU 7.2 does,
     * reads of the unallocated encodings of the space (MIDR_EL1's neighbours op2 = 1..4, 7). MSR stays
     * UNDEFINED.
     */
    static GuestFault idst(Cpu cpu, int w, GuestFault f) {
        if (f.ec != GuestFault.EC_UNKNOWN || f.targetEl != 0 || !cpu.profile.has(Feature.IDST) || !inFeatureIdSpace(w)) {
            return f;
        }
        return new GuestFault(GuestFault.EC_SYSREG, SysRegAccess.sysregIss(w), -1, 0);
    }

    /** The feature ID space: op0 = 3, op1 = 0, 1 or 3, CRn = 0, CRm = 0..7 (any op2). */
    static boolean inFeatureIdSpace(int w) {
        int op0 = (w >>> 19) & 3, op1 = (w >>> 16) & 7, crn = (w >>> 12) & 15, crm = (w >>> 8) & 15;
        return op0 == 3 && (op1 == 0 || op1 == 1 || op1 == 3) && crn == 0 && crm < 8;
    }

    /** MSR (systemreg), Xt. */
    public static void msr(Cpu cpu, int w) {
        SysReg r = lookup(cpu, w);
        GuestFault f = SysRegAccess.decide(cpu, r, false, w);
        if (f != null) {
            throw f;
        }
        r.write(cpu, cpu.x(w & 31));
        if (cpu.observer != null) {
            cpu.observer.sysreg(cpu, r.name, false);
        }
    }

    private static String reg(int rt) {
        return rt == 31 ? "xzr" : "x" + rt;
    }

    public static String disMrs(int w, long pc) {
        return "mrs " + reg(w & 31) + ", " + SysRegTable.disasmName((w >>> 5) & 0xFFFF, true);
    }

    public static String disMsr(int w, long pc) {
        return "msr " + SysRegTable.disasmName((w >>> 5) & 0xFFFF, false) + ", " + reg(w & 31);
    }
}
