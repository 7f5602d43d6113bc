package io.el2studio.sim.mmu;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.sysreg.El2Regs;
import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * Turns a {@link WalkFault} into the Instruction or Data Abort a handler reads (Arm ARM D17.2.37,
 * ESR_ELx ISS encoding for EC 0x20/0x21/0x24/0x25; pseudocode AArch64.Abort, AArch64.DataAbort,
 * AArch64.FaultSyndrome): routing, EC, DFSC/IFSC with level, WnR, S1PTW, CM, the ISV syndrome of
 * stage 2 aborts on single general-register accesses, FAR_ELx = VA, HPFAR_EL2 = IPA[47:12].
 */
public final class Aborts {
    private Aborts() {
    }

    /** ISS bits [24:14] that {@link Cpu#accessInfo} carries: ISV, SAS, SSE, SRT, SF, AR. */
    public static final int ISV_BITS = 0x01FF_C000;
    /** {@link Cpu#accessInfo} flag: an unprivileged access (LDTR/STTR family). */
    public static final int UNPRIV = 0x8000_0000;

    private static final SysReg HPFAR = SysRegTable.byName("HPFAR_EL2");

    /**
     * The syndrome a single general-purpose register load or store provides for ISV = 1 (Arm ARM
     * D17.2.37, ISS[24:14]): SAS = log2(size), SSE = sign-extending load, SRT = Rt, SF = 64-bit
     * register, AR = acquire/release.
     */
    public static int isv(int sizeLog2, boolean signExtend, int rt, boolean sixtyFour, boolean acqRel) {
        return 1 << 24 | sizeLog2 << 22 | (signExtend ? 1 << 21 : 0) | rt << 16 | (sixtyFour ? 1 << 15 : 0)
                | (acqRel ? 1 << 14 : 0);
    }

    /** The EL a fault of a translation in {@code regime} is taken to. */
    static int target(Cpu cpu, WalkFault f, Regime regime) {
        if (f.stage2) {
            return 2;
        }
        int t = switch (regime) {
            case EL2, EL20 -> 2;
            case EL3 -> 3;
            // Stage 1 EL1&0 faults go to EL1, or to EL2 from EL0 under HCR_EL2.TGE (D1.3.3).
            default -> El2Regs.tgeAtEl0(cpu) ? 2 : 1;
        };
        return Math.max(t, cpu.el);
    }

    /**
     * The abort for {@code f} on an access to {@code va}. {@code cm}: a cache maintenance or address
     * translation instruction (CM = 1, and WnR reads as 1 for them).
     */
    public static GuestFault abort(Cpu cpu, WalkFault f, long va, int kind, Regime regime, boolean cm) {
        int target = target(cpu, f, regime);
        boolean same = target == cpu.el;
        int iss = f.statusCode();
        if (f.s1ptw) {
            iss |= 1 << 7;
        }
        int ec;
        if (kind == Cpu.FETCH) {
            ec = same ? GuestFault.EC_INSN_ABORT_SAME : GuestFault.EC_INSN_ABORT_LOWER;
        } else {
            ec = same ? GuestFault.EC_DATA_ABORT_SAME : GuestFault.EC_DATA_ABORT_LOWER;
            if (cm) {
                iss |= 1 << 8 | 1 << 6;
            } else if (kind == Cpu.WRITE && !f.s1ptw) {
                // WnR is 0 for a stage 2 fault on the stage 1 walk: the walk reads (no hardware updates).
                iss |= 1 << 6;
            }
            int info = cpu.accessInfo;
            if (f.stage2 && !f.s1ptw && !cm && f.type != WalkFault.ALIGNMENT && (info & (1 << 24)) != 0) {
                iss |= info & ISV_BITS;
            }
        }
        if (f.stage2 && f.ipa >= 0 && f.type != WalkFault.ALIGNMENT && HPFAR != null) {
            // HPFAR_EL2.FIPA = IPA[47:12] in bits [43:4] (D19.2, HPFAR_EL2). Written when the abort is
            // raised: the exception that reports it follows immediately.
            HPFAR.write(cpu, (f.ipa >>> 12) << 4);
        }
        cpu.accessInfo = 0;
        return new GuestFault(ec, iss, va, target);
    }
}
