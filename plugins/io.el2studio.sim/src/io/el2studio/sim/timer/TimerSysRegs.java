package io.el2studio.sim.timer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.gic.SysRegBinding;
import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.sysreg.SysRegAccess;

/**
 * The generic-timer system registers as {@link SysRegBinding}s, with their access checks written as
 * the Arm ARM's pseudocode orders them (D11.2, and the "Accessibility" of each register):
 * CNTKCTL_EL1 for EL0 (trap to EL1, or to EL2 when HCR_EL2.TGE is 1), CNTHCTL_EL2 in its E2H = 0
 * layout (EL1PCTEN, EL1PCEN) or E2H = 1 layout (EL0PCTEN, EL0VCTEN, EL0VTEN, EL0PTEN, EL1PCTEN,
 * EL1PTEN) for EL0 and EL1 (trap to EL2). With FEAT_VHE, the EL0 timer encodings reach the EL2 timers
 * at EL2 when E2H = 1 and at EL0 when {E2H, TGE} = {1, 1}, and the *_EL02 / CNTKCTL_EL12 encodings
 * reach the EL1 timers from EL2. CNTFRQ_EL0, CNTVOFF_EL2 and CNTHCTL_EL2 are plain storage in the
 * system-register table. Not modelled: FEAT_ECV (CNTPOFF_EL2, CNTPCTSS/CNTVCTSS) and the EL3 secure
 * physical timer (CNTPS_*).
 */
public final class TimerSysRegs {
    private TimerSysRegs() {
    }

    static final long HCR_TGE = 1L << 27, HCR_E2H = 1L << 34;
    private static final int PCT = 0, VCT = 1, PTIMER = 2, VTIMER = 3;
    private static final List<SysRegBinding> ALL = build();

    public static List<SysRegBinding> all() {
        return ALL;
    }

    static GenericTimer t(Cpu c) {
        return GenericTimer.of(c);
    }

    private static boolean el2Enabled(Cpu c) {
        return io.el2studio.sim.sysreg.El2Regs.el2Enabled(c);
    }

    private static boolean e2h(Cpu c) {
        return el2Enabled(c) && (c.hcrEl2 & HCR_E2H) != 0;
    }

    /** HCR_EL2.{E2H, TGE} = {1, 1}: EL0 is the host's (EL2&0 regime). */
    private static boolean host(Cpu c) {
        return el2Enabled(c) && (c.hcrEl2 & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE);
    }

    /** The timer an EL0 timer encoding reaches: the EL2 timer at EL2 with E2H = 1 and in the host's EL0. */
    static GenericTimer.Kind el0Timer(Cpu c, boolean phys) {
        boolean el2 = (c.el == 2 && e2h(c)) || (c.el == 0 && host(c));
        if (phys) {
            return el2 ? GenericTimer.Kind.EL2_PHYS : GenericTimer.Kind.EL1_PHYS;
        }
        return el2 ? GenericTimer.Kind.EL2_VIRT : GenericTimer.Kind.EL1_VIRT;
    }

    private static GuestFault trap(int w, int el) {
        return SysRegAccess.trap(w, el);
    }

    /** The access check of a counter or timer register of {@code kind} accessed through its EL0 encoding. */
    static SysRegBinding.Check el0Check(int kind) {
        return (c, read, w) -> {
            GenericTimer tm = t(c);
            if (tm == null) {
                return GuestFault.undefined();
            }
            long hctl = c.cnthctlEl2;
            boolean e2h = e2h(c);
            if (c.el == 0) {
                // CNTKCTL_EL1 bits: EL0PCTEN 0, EL0VCTEN 1, EL0VTEN 8, EL0PTEN 9 (the same in CNTHCTL_EL2 with E2H = 1)
                int bit = switch (kind) {
                    case PCT -> 0;
                    case VCT -> 1;
                    case VTIMER -> 8;
                    default -> 9;
                };
                if (host(c)) {
                    return (hctl & (1L << bit)) == 0 ? trap(w, 2) : null;
                }
                if ((tm.cntkctl & (1L << bit)) == 0) {
                    return trap(w, el2Enabled(c) && (c.hcrEl2 & HCR_TGE) != 0 ? 2 : 1);
                }
            }
            if (c.el <= 1 && el2Enabled(c)) {
                if (kind == PCT && (hctl & (1L << (e2h ? 10 : 0))) == 0) {
                    return trap(w, 2); // CNTHCTL_EL2.EL1PCTEN
                }
                if (kind == PTIMER && (hctl & (1L << (e2h ? 11 : 1))) == 0) {
                    return trap(w, 2); // CNTHCTL_EL2.EL1PCEN (E2H = 0) / EL1PTEN (E2H = 1)
                }
            }
            return null;
        };
    }

    /** The *_EL02 and *_EL12 encodings: UNDEFINED unless at EL2 (or EL3) with HCR_EL2.E2H = 1. */
    static SysRegBinding.Check vheAlias() {
        return (c, read, w) -> t(c) == null || (c.el == 2 && !e2h(c)) || !c.profile.has(Feature.VHE) ? GuestFault.undefined() : null;
    }

    static SysRegBinding.Check el2Timer(boolean virt) {
        return (c, read, w) -> t(c) == null || (virt && !c.profile.has(Feature.VHE)) ? GuestFault.undefined() : null;
    }

    private static void timer(List<SysRegBinding> l, String prefix, String suffix, int op1, int crm, int minEl,
            java.util.function.Function<Cpu, GenericTimer.Kind> kind, SysRegBinding.Check check) {
        l.add(new SysRegBinding(prefix + "_TVAL_" + suffix, 3, op1, 14, crm, 0, minEl, c -> t(c).readTval(kind.apply(c)),
                (c, v) -> t(c).writeTval(kind.apply(c), v), check));
        l.add(new SysRegBinding(prefix + "_CTL_" + suffix, 3, op1, 14, crm, 1, minEl, c -> t(c).readCtl(kind.apply(c)),
                (c, v) -> t(c).writeCtl(kind.apply(c), v), check));
        l.add(new SysRegBinding(prefix + "_CVAL_" + suffix, 3, op1, 14, crm, 2, minEl, c -> t(c).readCval(kind.apply(c)),
                (c, v) -> t(c).writeCval(kind.apply(c), v), check));
    }

    private static List<SysRegBinding> build() {
        List<SysRegBinding> l = new ArrayList<>();
        l.add(new SysRegBinding("CNTPCT_EL0", 3, 3, 14, 0, 1, 0, c -> t(c).physicalCount(), null, el0Check(PCT)));
        l.add(new SysRegBinding("CNTVCT_EL0", 3, 3, 14, 0, 2, 0, c -> t(c).virtualCount(), null, el0Check(VCT)));
        timer(l, "CNTP", "EL0", 3, 2, 0, c -> el0Timer(c, true), el0Check(PTIMER));
        timer(l, "CNTV", "EL0", 3, 3, 0, c -> el0Timer(c, false), el0Check(VTIMER));
        timer(l, "CNTHP", "EL2", 4, 2, 2, c -> GenericTimer.Kind.EL2_PHYS, el2Timer(false));
        timer(l, "CNTHV", "EL2", 4, 3, 2, c -> GenericTimer.Kind.EL2_VIRT, el2Timer(true));
        timer(l, "CNTP", "EL02", 5, 2, 2, c -> GenericTimer.Kind.EL1_PHYS, vheAlias());
        timer(l, "CNTV", "EL02", 5, 3, 2, c -> GenericTimer.Kind.EL1_VIRT, vheAlias());
        // CNTKCTL_EL1 at EL2 with E2H = 1 is CNTHCTL_EL2 (FEAT_VHE redirection); CNTKCTL_EL12 reaches CNTKCTL_EL1.
        l.add(new SysRegBinding("CNTKCTL_EL1", 3, 0, 14, 1, 0, 1, c -> c.el == 2 && e2h(c) ? c.cnthctlEl2 : t(c).readCntkctl(),
                (c, v) -> {
                    if (c.el == 2 && e2h(c)) {
                        c.cnthctlEl2 = v & 0xFFFFF; // the table's CNTHCTL_EL2 stores its bits 19:0
                    } else {
                        t(c).writeCntkctl(v);
                    }
                }, (c, read, w) -> t(c) == null ? GuestFault.undefined() : null));
        l.add(new SysRegBinding("CNTKCTL_EL12", 3, 5, 14, 1, 0, 2, c -> t(c).readCntkctl(), (c, v) -> t(c).writeCntkctl(v), vheAlias()));
        l.replaceAll(b -> b.guarded(c -> t(c) != null));
        return Collections.unmodifiableList(l);
    }
}
