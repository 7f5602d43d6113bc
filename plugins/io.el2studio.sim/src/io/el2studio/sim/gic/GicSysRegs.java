package io.el2studio.sim.gic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.sysreg.SysRegAccess;

/**
 * The GIC system registers as {@link SysRegBinding}s: the ICC_* CPU interface registers (reaching the
 * ICV_* virtual ones at EL1 when HCR_EL2.IMO/FMO select them) and the ICH_* virtual interface
 * controls. The access checks, in the order of the register pseudocode (IHI0069 12.1.x
 * "Accessibility"): no GIC attached is UNDEFINED; at EL1 with EL2 enabled, ICH_HCR_EL2.TC (common
 * and SGI registers), TALL0 (Group 0), TALL1 (Group 1), TDIR (DIR writes), and HCR_EL2.IMO/FMO for
 * the SGI generation registers, trap to EL2 with EC 0x18.
 *
 * <p>Not bound (UNDEFINED, as on QEMU with 5 preemption bits or one Security state): ICC_AP0R1..3,
 * ICC_AP1R1..3, ICH_AP0R1..3, ICH_AP1R1..3, ICC_NMIAR1_EL1, ICC_CTLR_EL3, ICC_IGRPEN1_EL3.
 */
public final class GicSysRegs {
    private GicSysRegs() {
    }

    static final long HCR_FMO = 1L << 3, HCR_IMO = 1L << 4;
    private static final int G0 = 1, G1 = 2, COMMON = 3, SGI = 4, NONE = 0;

    private static final List<SysRegBinding> ALL = build();

    /** Every GIC system register the model implements. */
    public static List<SysRegBinding> all() {
        return ALL;
    }

    private static boolean el2Enabled(Cpu c) {
        return io.el2studio.sim.sysreg.El2Regs.el2Enabled(c);
    }

    /** Whether an EL1 access to an ICC_* register of {@code kind} reaches the ICV_* register (12.1.8). */
    static boolean virtual(Cpu c, int kind) {
        if (c.el != 1 || !el2Enabled(c)) {
            return false;
        }
        long m = switch (kind) {
            case G0 -> HCR_FMO;
            case G1 -> HCR_IMO;
            case COMMON -> HCR_IMO | HCR_FMO;
            default -> 0;
        };
        return (c.hcrEl2 & m) != 0;
    }

    static GicCpuInterface cif(Cpu c) {
        return GicCpuInterface.of(c);
    }

    static GicVirtualInterface vif(Cpu c) {
        return GicVirtualInterface.of(c);
    }

    private static SysRegBinding.Check check(int kind, boolean dir) {
        return (c, read, w) -> {
            GicCpuInterface ci = cif(c);
            if (ci == null) {
                return GuestFault.undefined();
            }
            if (c.el != 1 || !el2Enabled(c)) {
                return null;
            }
            long hcr = ci.virtual().hcr;
            boolean trap = switch (kind) {
                case G0 -> (hcr & GicVirtualInterface.HCR_TALL0) != 0;
                case G1 -> (hcr & GicVirtualInterface.HCR_TALL1) != 0;
                case COMMON -> (hcr & GicVirtualInterface.HCR_TC) != 0 || dir && !read && (hcr & GicVirtualInterface.HCR_TDIR) != 0;
                case SGI -> (hcr & GicVirtualInterface.HCR_TC) != 0 || (c.hcrEl2 & (HCR_IMO | HCR_FMO)) != 0;
                default -> false;
            };
            return trap ? SysRegAccess.trap(w, 2) : null;
        };
    }

    private static SysRegBinding.Check present() {
        return (c, read, w) -> cif(c) == null ? GuestFault.undefined() : null;
    }

    private static void icc(List<SysRegBinding> l, String name, int crn, int crm, int op2, int kind,
            ToLongFunction<Cpu> iccRead, ObjLongConsumer<Cpu> iccWrite, ToLongFunction<Cpu> icvRead, ObjLongConsumer<Cpu> icvWrite) {
        ToLongFunction<Cpu> r = iccRead == null ? null
                : icvRead == null ? iccRead : c -> virtual(c, kind) ? icvRead.applyAsLong(c) : iccRead.applyAsLong(c);
        ObjLongConsumer<Cpu> w = iccWrite == null ? null : icvWrite == null ? iccWrite : (c, v) -> {
            if (virtual(c, kind)) {
                icvWrite.accept(c, v);
            } else {
                iccWrite.accept(c, v);
            }
        };
        SysRegBinding b = new SysRegBinding(name, 3, 0, crn, crm, op2, 1, r, w, check(kind, name.equals("ICC_DIR_EL1")));
        l.add(name.startsWith("ICC_IAR") ? b.sideEffectRead() : b);
    }

    private static List<SysRegBinding> build() {
        List<SysRegBinding> l = new ArrayList<>();
        icc(l, "ICC_PMR_EL1", 4, 6, 0, COMMON, c -> cif(c).readIccPmr(c), (c, v) -> cif(c).writeIccPmr(c, v),
                c -> vif(c).readIcvPmr(c), (c, v) -> vif(c).writeIcvPmr(c, v));
        icc(l, "ICC_IAR0_EL1", 12, 8, 0, G0, c -> cif(c).readIccIar0(c), null, c -> vif(c).readIcvIar0(c), null);
        icc(l, "ICC_EOIR0_EL1", 12, 8, 1, G0, null, (c, v) -> cif(c).writeIccEoir0(c, v), null, (c, v) -> vif(c).writeIcvEoir0(c, v));
        icc(l, "ICC_HPPIR0_EL1", 12, 8, 2, G0, c -> cif(c).readIccHppir0(c), null, c -> vif(c).readIcvHppir0(c), null);
        icc(l, "ICC_BPR0_EL1", 12, 8, 3, G0, c -> cif(c).readIccBpr0(c), (c, v) -> cif(c).writeIccBpr0(c, v),
                c -> vif(c).readIcvBpr0(c), (c, v) -> vif(c).writeIcvBpr0(c, v));
        icc(l, "ICC_AP0R0_EL1", 12, 8, 4, G0, c -> cif(c).readIccAp0r0(c), (c, v) -> cif(c).writeIccAp0r0(c, v),
                c -> vif(c).readIcvAp0r0(c), (c, v) -> vif(c).writeIcvAp0r0(c, v));
        icc(l, "ICC_AP1R0_EL1", 12, 9, 0, G1, c -> cif(c).readIccAp1r0(c), (c, v) -> cif(c).writeIccAp1r0(c, v),
                c -> vif(c).readIcvAp1r0(c), (c, v) -> vif(c).writeIcvAp1r0(c, v));
        icc(l, "ICC_DIR_EL1", 12, 11, 1, COMMON, null, (c, v) -> cif(c).writeIccDir(c, v), null, (c, v) -> vif(c).writeIcvDir(c, v));
        icc(l, "ICC_RPR_EL1", 12, 11, 3, COMMON, c -> cif(c).readIccRpr(c), null, c -> vif(c).readIcvRpr(c), null);
        icc(l, "ICC_SGI1R_EL1", 12, 11, 5, SGI, null, (c, v) -> cif(c).writeIccSgi1r(c, v), null, null);
        icc(l, "ICC_ASGI1R_EL1", 12, 11, 6, SGI, null, (c, v) -> cif(c).writeIccAsgi1r(c, v), null, null);
        icc(l, "ICC_SGI0R_EL1", 12, 11, 7, SGI, null, (c, v) -> cif(c).writeIccSgi0r(c, v), null, null);
        icc(l, "ICC_IAR1_EL1", 12, 12, 0, G1, c -> cif(c).readIccIar1(c), null, c -> vif(c).readIcvIar1(c), null);
        icc(l, "ICC_EOIR1_EL1", 12, 12, 1, G1, null, (c, v) -> cif(c).writeIccEoir1(c, v), null, (c, v) -> vif(c).writeIcvEoir1(c, v));
        icc(l, "ICC_HPPIR1_EL1", 12, 12, 2, G1, c -> cif(c).readIccHppir1(c), null, c -> vif(c).readIcvHppir1(c), null);
        icc(l, "ICC_BPR1_EL1", 12, 12, 3, G1, c -> cif(c).readIccBpr1(c), (c, v) -> cif(c).writeIccBpr1(c, v),
                c -> vif(c).readIcvBpr1(c), (c, v) -> vif(c).writeIcvBpr1(c, v));
        icc(l, "ICC_CTLR_EL1", 12, 12, 4, COMMON, c -> cif(c).readIccCtlr(c), (c, v) -> cif(c).writeIccCtlr(c, v),
                c -> vif(c).readIcvCtlr(c), (c, v) -> vif(c).writeIcvCtlr(c, v));
        icc(l, "ICC_SRE_EL1", 12, 12, 5, NONE, c -> cif(c).readIccSreEl1(c), (c, v) -> cif(c).writeIccSre(c, v), null, null);
        icc(l, "ICC_IGRPEN0_EL1", 12, 12, 6, G0, c -> cif(c).readIccIgrpen0(c), (c, v) -> cif(c).writeIccIgrpen0(c, v),
                c -> vif(c).readIcvIgrpen0(c), (c, v) -> vif(c).writeIcvIgrpen0(c, v));
        icc(l, "ICC_IGRPEN1_EL1", 12, 12, 7, G1, c -> cif(c).readIccIgrpen1(c), (c, v) -> cif(c).writeIccIgrpen1(c, v),
                c -> vif(c).readIcvIgrpen1(c), (c, v) -> vif(c).writeIcvIgrpen1(c, v));
        l.add(new SysRegBinding("ICC_SRE_EL2", 3, 4, 12, 9, 5, 2, c -> cif(c).readIccSreEl2(c), (c, v) -> cif(c).writeIccSre(c, v), present()));
        l.add(new SysRegBinding("ICC_SRE_EL3", 3, 6, 12, 12, 5, 3, c -> cif(c).readIccSreEl2(c), (c, v) -> cif(c).writeIccSre(c, v), present()));
        ich(l, "ICH_AP0R0_EL2", 8, 0, c -> vif(c).readIchAp0r0(c), (c, v) -> vif(c).writeIchAp0r0(c, v));
        ich(l, "ICH_AP1R0_EL2", 9, 0, c -> vif(c).readIchAp1r0(c), (c, v) -> vif(c).writeIchAp1r0(c, v));
        ich(l, "ICH_HCR_EL2", 11, 0, c -> vif(c).readIchHcr(c), (c, v) -> vif(c).writeIchHcr(c, v));
        ich(l, "ICH_VTR_EL2", 11, 1, c -> vif(c).readIchVtr(c), null);
        ich(l, "ICH_MISR_EL2", 11, 2, c -> vif(c).readIchMisr(c), null);
        ich(l, "ICH_EISR_EL2", 11, 3, c -> vif(c).readIchEisr(c), null);
        ich(l, "ICH_ELRSR_EL2", 11, 5, c -> vif(c).readIchElrsr(c), null);
        ich(l, "ICH_VMCR_EL2", 11, 7, c -> vif(c).readIchVmcr(c), (c, v) -> vif(c).writeIchVmcr(c, v));
        for (int n = 0; n < 16; n++) {
            int i = n;
            l.add(new SysRegBinding("ICH_LR" + n + "_EL2", 3, 4, 12, 12 + n / 8, n % 8, 2, c -> vif(c).readIchLr(c, i),
                    (c, v) -> vif(c).writeIchLr(c, i, v), (c, read, w) -> {
                        GicVirtualInterface v = vif(c);
                        return v == null || i >= v.listRegs ? GuestFault.undefined() : null;
                    }));
        }
        l.replaceAll(b -> b.guarded(c -> cif(c) != null));
        return Collections.unmodifiableList(l);
    }

    private static void ich(List<SysRegBinding> l, String name, int crm, int op2, ToLongFunction<Cpu> r, ObjLongConsumer<Cpu> w) {
        l.add(new SysRegBinding(name, 3, 4, 12, crm, op2, 2, r, w, present()));
    }
}
