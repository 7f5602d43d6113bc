package io.el2studio.sim.sysreg;

import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;

/**
 * The access decision for MRS and MSR (register), written as a pipeline of named steps in the
 * priority order of the Arm ARM pseudocode for each register (the "AArch64.SysRegRead/Write"
 * accessibility tables, D19 / the per-register "Accessibility" sections): UNDEFINED checks first,
 * then traps to EL2, then traps to EL3. Each step returns null to allow (and let the next step
 * decide), or the {@link GuestFault} to raise: UNDEFINED, or a trap carrying its target EL and
 * syndrome. Steps for the later system model (HCR_EL2.TVM/TRVM, TID1..3, TACR, FGT, ...) slot in
 * to {@link #STEPS} at their priority.
 */
public final class SysRegAccess {
    private SysRegAccess() {
    }

    /** One access decision; null = allowed by this step. */
    @FunctionalInterface
    public interface Check {
        GuestFault check(Cpu cpu, SysReg reg, boolean read, int word);
    }

    /** A named step of the pipeline. */
    public record Step(String name, Check check) {
    }

    /** Receives every decision that is not "allow" (trap history, EL2 trap breakpoints, statistics). */
    @FunctionalInterface
    public interface Listener {
        void denied(Cpu cpu, SysReg reg, boolean read, String step, GuestFault fault);
    }

    /** Set by the trace system; null = nobody listens. */
    public static volatile Listener listener;

    /** Logs accesses to registers the table names but the simulator does not model. */
    public static volatile java.util.function.Consumer<String> log = System.err::println;

    /**
     * The pipeline, in priority order: first the conditions that make the access UNDEFINED, then the
     * register's own EL0/EL1 enables and FP traps (taken to EL1, or UNDEFINED), then the traps to EL2
     * by HCR_EL2 (one step per control bit), then traps to EL3.
     */
    public static final List<Step> STEPS = List.of(
            new Step("feature-implemented", SysRegAccess::featureImplemented),
            new Step("minimum-EL", SysRegAccess::minimumEl),
            new Step("direction", SysRegAccess::direction),
            new Step("modelled", SysRegAccess::modelled),
            new Step("register-specific", SysRegAccess::registerSpecific),
            new Step("HCR_EL2.TID1", group(SysReg.TrapGroup.TID1, 1L << 16, 1L << 16)),
            new Step("HCR_EL2.TID2", group(SysReg.TrapGroup.TID2, 1L << 17, 1L << 17)),
            new Step("HCR_EL2.TID3", group(SysReg.TrapGroup.TID3, 1L << 18, 1L << 18)),
            new Step("HCR_EL2.TVM/TRVM", group(SysReg.TrapGroup.TVM, 1L << 30, 1L << 26)),
            new Step("HCR_EL2.TACR", group(SysReg.TrapGroup.TACR, 1L << 21, 1L << 21)));

    /** Runs the pipeline; returns null when the access is allowed. */
    public static GuestFault decide(Cpu cpu, SysReg reg, boolean read, int word) {
        for (Step s : STEPS) {
            GuestFault f = s.check().check(cpu, reg, read, word);
            if (f != null) {
                Listener l = listener;
                if (l != null) {
                    l.denied(cpu, reg, read, s.name(), f);
                }
                return f;
            }
        }
        return null;
    }

    static GuestFault featureImplemented(Cpu cpu, SysReg reg, boolean read, int word) {
        return reg.feature != null && !cpu.profile.has(reg.feature) ? GuestFault.undefined() : null;
    }

    static GuestFault modelled(Cpu cpu, SysReg reg, boolean read, int word) {
        if (reg.modelled) {
            return null;
        }
        java.util.function.Consumer<String> l = log;
        if (l != null) {
            l.accept(String.format("el2studio: cpu%d pc=0x%x: %s %s: register NOT MODELLED, UNDEFINED",
                    cpu.index, cpu.pc, read ? "MRS" : "MSR", reg));
        }
        return GuestFault.undefined();
    }

    /** MSR to a read-only register, MRS of a write-only one: UNDEFINED (the encoding is unallocated). */
    static GuestFault direction(Cpu cpu, SysReg reg, boolean read, int word) {
        return (read ? reg.readable : reg.writable) ? null : GuestFault.undefined();
    }

    /** An access from below the register's lowest EL is UNDEFINED (not a trap), e.g. HCR_EL2 at EL1. */
    static GuestFault minimumEl(Cpu cpu, SysReg reg, boolean read, int word) {
        return cpu.el < reg.minEl ? GuestFault.undefined() : null;
    }

    static GuestFault registerSpecific(Cpu cpu, SysReg reg, boolean read, int word) {
        for (Check c : reg.checks) {
            GuestFault f = c.check(cpu, reg, read, word);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /**
     * An HCR_EL2 trap of a register group to EL2 with EC 0x18: applies at EL1, and at EL0 for the
     * EL0-accessible registers (CTR_EL0) unless HCR_EL2.TGE already routes EL0 to EL2. {@code readBit}
     * traps MRS, {@code writeBit} traps MSR (TVM traps writes, TRVM reads; the TIDn only read).
     */
    static Check group(SysReg.TrapGroup g, long readBit, long writeBit) {
        return (cpu, reg, read, w) -> {
            if (!reg.groups.contains(g) || cpu.el > 1 || !El2Regs.el2Enabled(cpu)) {
                return null;
            }
            if (cpu.el == 0 && (cpu.hcrEl2 & El2Regs.HCR_TGE) != 0) {
                return null;
            }
            return (cpu.hcrEl2 & (read ? readBit : writeBit)) != 0 ? trap(w, 2) : null;
        };
    }

    // ---- syndromes ----

    /**
     * ISS of a trapped MSR, MRS or System instruction, EC 0x18 (Arm ARM D17.2.37, ISS encoding for an
     * exception from MSR, MRS or System instruction execution in AArch64 state): Op0[21:20], Op2[19:17],
     * Op1[16:14], CRn[13:10], Rt[9:5], CRm[4:1], Direction[0] (1 = read, MRS).
     */
    public static int sysregIss(int op0, int op1, int crn, int crm, int op2, int rt, boolean read) {
        return op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | (read ? 1 : 0);
    }

    /** ISS for the instruction word {@code w} (MRS, MSR register, SYS, SYSL). */
    public static int sysregIss(int w) {
        return sysregIss((w >>> 19) & 3, (w >>> 16) & 7, (w >>> 12) & 15, (w >>> 8) & 15, (w >>> 5) & 7,
                w & 31, (w & (1 << 21)) != 0);
    }

    /** A trap of the MRS/MSR/SYS word {@code w} to {@code el} with EC 0x18. */
    public static GuestFault trap(int w, int el) {
        return new GuestFault(GuestFault.EC_SYSREG, sysregIss(w), -1, el);
    }

    /**
     * A trap of an FP/SIMD access to {@code el}, EC 0x07: ISS CV = 1 and COND = 0b1110, as for every
     * trap taken from AArch64 state that has these fields (Arm ARM D17.2.37 ESR_ELx, EC 0x07;
     * AArch64.AdvSIMDFPAccessTrap sets syndrome<24:20> = ConditionSyndrome()).
     */
    public static GuestFault fpTrap(int el) {
        return new GuestFault(GuestFault.EC_FP_ACCESS, 1 << 24 | 0xE << 20, -1, el);
    }
}
