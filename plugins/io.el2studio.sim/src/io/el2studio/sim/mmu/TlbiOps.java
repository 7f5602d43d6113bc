package io.el2studio.sim.mmu;

import java.util.List;
import java.util.function.Predicate;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * TLB maintenance instructions (Arm ARM D8.13 "TLB maintenance instructions", C5.5.*): which entries
 * each TLBI removes, and on which PEs. The Inner Shareable variants (…IS) act on every PE of the
 * machine; HCR_EL2.FB makes the EL1 ones executed at EL1 broadcast too. An entry is removed whenever
 * it might match (over-invalidation is always permitted), never less.
 */
public final class TlbiOps {
    private TlbiOps() {
    }

    static final long HCR_FB = 1L << 9;

    /** VA[55:12] from Xt[43:0]. */
    static long va(long arg) {
        return (arg & 0xFFF_FFFF_FFFFL) << 12;
    }

    /** IPA[47:12] from Xt[35:0]. */
    static long ipa(long arg) {
        return (arg & 0xF_FFFF_FFFFL) << 12;
    }

    public static void tlbi(Mmu mmu, Cpu c, String op, long arg) {
        if (c.observer != null) {
            c.observer.tlbi(c, op);
        }
        boolean is = op.endsWith("is");
        String base = is ? op.substring(0, op.length() - 2) : op;
        if (!is && c.el == 1 && El2Regs.el2Enabled(c) && (c.hcrEl2 & HCR_FB) != 0) {
            is = true; // HCR_EL2.FB: Force Broadcast of the EL1 TLB maintenance instructions
        }
        MmuRegs el10 = MmuRegs.of(c, Regime.EL10);
        int vmid = el10.vmid();
        // EL1 operations executed at EL2 in the host (HCR_EL2.{E2H,TGE} = {1,1}) apply to EL2&0.
        boolean host = c.el == 2 && AtOps.host(c);
        Regime r1 = host ? Regime.EL20 : Regime.EL10;
        Regime r2 = (c.hcrEl2 & El2Regs.HCR_E2H) != 0 ? Regime.EL20 : Regime.EL2;
        MmuRegs asidRegs = MmuRegs.of(c, host ? Regime.EL20 : r1);
        int asid = (int) (arg >>> 48) & ((asidRegs.tcr() & (1L << 36)) != 0 ? 0xFFFF : 0xFF);
        long va = va(arg);
        Predicate<Entry> inR1 = e -> e.regime == r1 && (r1 == Regime.EL20 || e.vmid == vmid);
        // By VA or IPA: only the entries whose region covers the address can match (the TLB's region
        // indexes find them, of every block size); the predicate checks the rest (regime, VMID, ASID).
        // The last-level forms (…VAL…, IPAS2L…) may remove more than the last level: over-invalidation.
        Predicate<Entry> byVa = switch (base) {
            case "vae1", "vale1" -> e -> inR1.test(e) && (e.global || e.asid == asid);
            case "vaae1", "vaale1" -> inR1;
            case "vae2", "vale2" -> e -> e.regime == r2 && (r2 == Regime.EL2 || e.global || e.asid == asid);
            case "vae3", "vale3" -> e -> e.regime == Regime.EL3;
            default -> null;
        };
        Predicate<Entry> byIpa = switch (base) {
            case "ipas2e1", "ipas2le1" -> e -> e.regime == Regime.EL10 && e.vmid == vmid;
            default -> null;
        };
        Predicate<Entry> p = byVa != null || byIpa != null ? null : switch (base) {
            case "vmalle1" -> inR1;
            case "aside1" -> e -> inR1.test(e) && !e.global && e.asid == asid;
            case "alle1" -> e -> e.regime == Regime.EL10;
            case "vmalls12e1" -> e -> e.regime == Regime.EL10 && e.vmid == vmid;
            case "alle2" -> e -> e.regime == Regime.EL2 || e.regime == Regime.EL20;
            case "alle3" -> e -> e.regime == Regime.EL3;
            default -> e -> true; // an operation not listed here (none is expected): invalidate all
        };
        long ipa = ipa(arg);
        List<Mmu> targets = is ? mmu.domain : List.of(mmu);
        for (Mmu m : targets) {
            if (byVa != null) {
                m.tlb.invalidateVa(va, byVa);
            } else if (byIpa != null) {
                m.tlb.invalidateIpa(ipa, byIpa);
            } else {
                m.tlb.invalidate(p);
            }
            m.flushMicro();
        }
    }
}
