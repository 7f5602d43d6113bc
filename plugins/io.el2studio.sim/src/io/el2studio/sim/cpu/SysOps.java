package io.el2studio.sim.cpu;

import java.util.Set;

import io.el2studio.sim.isa.Feature;
import io.el2studio.sim.sysreg.El2Regs;
import io.el2studio.sim.sysreg.SysRegAccess;

/**
 * SYS and SYSL (Arm ARM C6.2.372/373) and their aliases AT, DC, IC, TLBI, CFP/DVP/CPP: the
 * alias table (every alias GNU objdump 2.40 names, from shared/reference/disasm/a64-sys-aliases-objdump.tsv),
 * the access rules, and the hand-off to {@link Cpu#maintenance}. A SYS encoding that is no alias
 * the profile implements is UNDEFINED.
 */
public final class SysOps {
    private SysOps() {
    }

    /** One alias: kind (at, dc, ic, tlbi, cfp, dvp, cpp), operation name, and whether it takes Xt. */
    public record Alias(String kind, String op, int op1, int crn, int crm, int op2, boolean takesRegister) {
    }

    private static final Alias[] BY_KEY = new Alias[1 << 14];

    /** The Armv8.0 operations; the others need the feature noted in {@link #implemented}. */
    private static final Set<String> V80 = Set.of(
            "ic ialluis", "ic iallu", "ic ivau", "dc ivac", "dc isw", "dc csw", "dc cisw", "dc zva", "dc cvac",
            "dc cvau", "dc civac", "at s1e1r", "at s1e1w", "at s1e0r", "at s1e0w", "at s12e1r", "at s12e1w",
            "at s12e0r", "at s12e0w", "at s1e2r", "at s1e2w", "at s1e3r", "at s1e3w",
            "tlbi vmalle1is", "tlbi vae1is", "tlbi aside1is", "tlbi vaae1is", "tlbi vale1is", "tlbi vaale1is",
            "tlbi vmalle1", "tlbi vae1", "tlbi aside1", "tlbi vaae1", "tlbi vale1", "tlbi vaale1",
            "tlbi ipas2e1is", "tlbi ipas2le1is", "tlbi alle2is", "tlbi vae2is", "tlbi alle1is", "tlbi vale2is",
            "tlbi vmalls12e1is", "tlbi ipas2e1", "tlbi ipas2le1", "tlbi alle2", "tlbi vae2", "tlbi alle1",
            "tlbi vale2", "tlbi vmalls12e1", "tlbi alle3is", "tlbi vae3is", "tlbi vale3is", "tlbi alle3",
            "tlbi vae3", "tlbi vale3");

    private static final String[] ALIASES = {
            "ic ialluis 0 7 1 0", "ic iallu 0 7 5 0", "dc ivac 0 7 6 1 r", "dc isw 0 7 6 2 r",
            "dc igvac 0 7 6 3 r", "dc igsw 0 7 6 4 r", "dc igdvac 0 7 6 5 r", "dc igdsw 0 7 6 6 r",
            "at s1e1r 0 7 8 0 r", "at s1e1w 0 7 8 1 r", "at s1e0r 0 7 8 2 r", "at s1e0w 0 7 8 3 r",
            "at s1e1rp 0 7 9 0 r", "at s1e1wp 0 7 9 1 r", "dc csw 0 7 10 2 r", "dc cgsw 0 7 10 4 r",
            "dc cgdsw 0 7 10 6 r", "dc cisw 0 7 14 2 r", "dc cigsw 0 7 14 4 r", "dc cigdsw 0 7 14 6 r",
            "tlbi vmalle1os 0 8 1 0", "tlbi vae1os 0 8 1 1 r", "tlbi aside1os 0 8 1 2 r", "tlbi vaae1os 0 8 1 3 r",
            "tlbi vale1os 0 8 1 5 r", "tlbi vaale1os 0 8 1 7 r", "tlbi rvae1is 0 8 2 1 r", "tlbi rvaae1is 0 8 2 3 r",
            "tlbi rvale1is 0 8 2 5 r", "tlbi rvaale1is 0 8 2 7 r", "tlbi vmalle1is 0 8 3 0", "tlbi vae1is 0 8 3 1 r",
            "tlbi aside1is 0 8 3 2 r", "tlbi vaae1is 0 8 3 3 r", "tlbi vale1is 0 8 3 5 r", "tlbi vaale1is 0 8 3 7 r",
            "tlbi rvae1os 0 8 5 1 r", "tlbi rvaae1os 0 8 5 3 r", "tlbi rvale1os 0 8 5 5 r", "tlbi rvaale1os 0 8 5 7 r",
            "tlbi rvae1 0 8 6 1 r", "tlbi rvaae1 0 8 6 3 r", "tlbi rvale1 0 8 6 5 r", "tlbi rvaale1 0 8 6 7 r",
            "tlbi vmalle1 0 8 7 0", "tlbi vae1 0 8 7 1 r", "tlbi aside1 0 8 7 2 r", "tlbi vaae1 0 8 7 3 r",
            "tlbi vale1 0 8 7 5 r", "tlbi vaale1 0 8 7 7 r", "cfp rctx 3 7 3 4 r", "dvp rctx 3 7 3 5 r",
            "cpp rctx 3 7 3 7 r", "dc zva 3 7 4 1 r", "dc gva 3 7 4 3 r", "dc gzva 3 7 4 4 r",
            "ic ivau 3 7 5 1 r", "dc cvac 3 7 10 1 r", "dc cgvac 3 7 10 3 r", "dc cgdvac 3 7 10 5 r",
            "dc cvau 3 7 11 1 r", "dc cvap 3 7 12 1 r", "dc cgvap 3 7 12 3 r", "dc cgdvap 3 7 12 5 r",
            "dc cvadp 3 7 13 1 r", "dc cgvadp 3 7 13 3 r", "dc cgdvadp 3 7 13 5 r", "dc civac 3 7 14 1 r",
            "dc cigvac 3 7 14 3 r", "dc cigdvac 3 7 14 5 r", "at s1e2r 4 7 8 0 r", "at s1e2w 4 7 8 1 r",
            "at s12e1r 4 7 8 4 r", "at s12e1w 4 7 8 5 r", "at s12e0r 4 7 8 6 r", "at s12e0w 4 7 8 7 r",
            "tlbi ipas2e1is 4 8 0 1 r", "tlbi ripas2e1is 4 8 0 2 r", "tlbi ipas2le1is 4 8 0 5 r", "tlbi ripas2le1is 4 8 0 6 r",
            "tlbi alle2os 4 8 1 0", "tlbi vae2os 4 8 1 1 r", "tlbi alle1os 4 8 1 4", "tlbi vale2os 4 8 1 5 r",
            "tlbi vmalls12e1os 4 8 1 6", "tlbi rvae2is 4 8 2 1 r", "tlbi rvale2is 4 8 2 5 r", "tlbi alle2is 4 8 3 0",
            "tlbi vae2is 4 8 3 1 r", "tlbi alle1is 4 8 3 4", "tlbi vale2is 4 8 3 5 r", "tlbi vmalls12e1is 4 8 3 6",
            "tlbi ipas2e1os 4 8 4 0 r", "tlbi ipas2e1 4 8 4 1 r", "tlbi ripas2e1 4 8 4 2 r", "tlbi ripas2e1os 4 8 4 3 r",
            "tlbi ipas2le1os 4 8 4 4 r", "tlbi ipas2le1 4 8 4 5 r", "tlbi ripas2le1 4 8 4 6 r", "tlbi ripas2le1os 4 8 4 7 r",
            "tlbi rvae2os 4 8 5 1 r", "tlbi rvale2os 4 8 5 5 r", "tlbi rvae2 4 8 6 1 r", "tlbi rvale2 4 8 6 5 r",
            "tlbi alle2 4 8 7 0", "tlbi vae2 4 8 7 1 r", "tlbi alle1 4 8 7 4", "tlbi vale2 4 8 7 5 r",
            "tlbi vmalls12e1 4 8 7 6", "at s1e3r 6 7 8 0 r", "at s1e3w 6 7 8 1 r", "dc cipapa 6 7 14 1 r",
            "dc cigdpapa 6 7 14 5 r", "tlbi alle3os 6 8 1 0", "tlbi vae3os 6 8 1 1 r", "tlbi paallos 6 8 1 4",
            "tlbi vale3os 6 8 1 5 r", "tlbi rvae3is 6 8 2 1 r", "tlbi rvale3is 6 8 2 5 r", "tlbi alle3is 6 8 3 0",
            "tlbi vae3is 6 8 3 1 r", "tlbi vale3is 6 8 3 5 r", "tlbi rpaos 6 8 4 3 r", "tlbi rpalos 6 8 4 7 r",
            "tlbi rvae3os 6 8 5 1 r", "tlbi rvale3os 6 8 5 5 r", "tlbi rvae3 6 8 6 1 r", "tlbi rvale3 6 8 6 5 r",
            "tlbi alle3 6 8 7 0", "tlbi vae3 6 8 7 1 r", "tlbi paall 6 8 7 4", "tlbi vale3 6 8 7 5 r",    };

    static {
        for (String s : ALIASES) {
            String[] t = s.split(" ");
            Alias a = new Alias(t[0], t[1], Integer.parseInt(t[2]), Integer.parseInt(t[3]), Integer.parseInt(t[4]),
                    Integer.parseInt(t[5]), t.length > 6);
            BY_KEY[key(a.op1, a.crn, a.crm, a.op2)] = a;
        }
    }

    private static int key(int op1, int crn, int crm, int op2) {
        return op1 << 11 | crn << 7 | crm << 3 | op2;
    }

    /** The alias of a SYS word, or null. */
    public static Alias alias(int w) {
        return BY_KEY[(w >>> 5) & 0x3FFF];
    }

    private static String xt(int rt) {
        return rt == 31 ? "xzr" : "x" + rt;
    }

    public static String disSys(int w, long pc) {
        int rt = w & 31;
        Alias a = alias(w);
        if (a != null) {
            return a.kind + " " + a.op + (a.takesRegister ? ", " + xt(rt) : "");
        }
        String s = String.format("sys #%d, C%d, C%d, #%d", (w >>> 16) & 7, (w >>> 12) & 15, (w >>> 8) & 15, (w >>> 5) & 7);
        return rt == 31 ? s : s + ", " + xt(rt);
    }

    public static String disSysl(int w, long pc) {
        return String.format("sysl %s, #%d, C%d, C%d, #%d", xt(w & 31), (w >>> 16) & 7, (w >>> 12) & 15, (w >>> 8) & 15, (w >>> 5) & 7);
    }

    static boolean implemented(Cpu cpu, Alias a) {
        String full = a.kind + " " + a.op;
        if (V80.contains(full)) {
            return true;
        }
        return switch (full) {
            case "dc cvap" -> cpu.profile.has(Feature.DPB);
            case "dc cvadp" -> cpu.profile.has(Feature.DPB2);
            case "at s1e1rp", "at s1e1wp" -> cpu.profile.has(Feature.PAN2);
            case "cfp rctx", "dvp rctx", "cpp rctx" -> cpu.profile.has(Feature.SPECRES);
            default -> false;
        };
    }

    /** SYS #op1, Cn, Cm, #op2{, Xt}. */
    public static void sys(Cpu cpu, int w) {
        Alias a = alias(w);
        if (a == null || !implemented(cpu, a)) {
            throw GuestFault.undefined();
        }
        GuestFault f = access(cpu, a, w);
        if (f != null) {
            throw f;
        }
        long arg = cpu.x(w & 31);
        Maintenance m = cpu.maintenance;
        switch (a.kind) {
            case "dc" -> m.dc(cpu, a.op, arg);
            case "ic" -> m.ic(cpu, a.op, arg);
            case "at" -> m.at(cpu, a.op, arg);
            case "tlbi" -> m.tlbi(cpu, a.op, arg);
            default -> { } // prediction restriction (CFP/DVP/CPP): nothing is predicted here
        }
    }

    /** SYSL has no allocated encodings in the base architecture. */
    public static void sysl(Cpu cpu, int w) {
        throw GuestFault.undefined();
    }

    /**
     * Access rules: op1 gives the lowest EL (0,1,2 -> EL1; 3 -> EL0 when enabled; 4,5 -> EL2; 6 -> EL3).
     * At EL0, DC ZVA needs SCTLR_EL1.DZE and the cache maintenance by VA needs SCTLR_EL1.UCI, else they
     * trap to EL1 (EL2 under HCR_EL2.TGE) with EC 0x18; every other operation is UNDEFINED at EL0.
     */
    static GuestFault access(Cpu cpu, Alias a, int w) {
        int minEl = switch (a.op1) {
            case 3 -> 0;
            case 4, 5 -> 2;
            case 6, 7 -> 3;
            default -> 1;
        };
        if (cpu.el < minEl) {
            return GuestFault.undefined();
        }
        GuestFault el1 = el0Enables(cpu, a, w);
        if (el1 != null) {
            return el1;
        }
        return hcrTraps(cpu, a, w);
    }

    /**
     * HCR_EL2 traps of maintenance instructions to EL2 (EC 0x18), at EL1 and at EL0 when not routed by
     * TGE: TDZ (DC ZVA), TTLB (TLBI), TSW (DC by set/way), TPCP (DC to the Point of Coherency),
     * TPU (DC/IC to the Point of Unification).
     */
    static GuestFault hcrTraps(Cpu cpu, Alias a, int w) {
        if (cpu.el > 1 || !El2Regs.el2Enabled(cpu) || (cpu.el == 0 && (cpu.hcrEl2 & El2Regs.HCR_TGE) != 0)) {
            return null;
        }
        long hcr = cpu.hcrEl2;
        String full = a.kind + " " + a.op;
        long bit = switch (full) {
            case "dc zva" -> 1L << 28;                                        // TDZ
            case "dc isw", "dc csw", "dc cisw" -> 1L << 22;                   // TSW
            case "dc ivac", "dc cvac", "dc civac", "dc cvap", "dc cvadp" -> 1L << 23; // TPCP
            case "dc cvau", "ic ivau", "ic iallu", "ic ialluis" -> 1L << 24;  // TPU
            default -> a.kind.equals("tlbi") && a.op1 == 0 ? 1L << 25 : 0;   // TTLB
        };
        return (hcr & bit) != 0 ? SysRegAccess.trap(w, 2) : null;
    }

    /**
     * EL0 enables in SCTLR_EL1 (UCI, DZE, EnRCTX): a disabled operation traps to EL1 (EL2 under TGE).
     * In the VHE host's EL0 (HCR_EL2.{E2H, TGE} = {1, 1}, ELIsInHost(EL0)) the same bits of SCTLR_EL2
     * govern instead (Arm ARM pseudocode of DC ZVA, DC CVAU, ..., IC IVAU): Linux at EL2 sets only
     * SCTLR_EL2.DZE, and its user space (e.g. busybox's memset) uses DC ZVA.
     */
    static GuestFault el0Enables(Cpu cpu, Alias a, int w) {
        if (cpu.el == 0) {
            int target = El2Regs.tgeAtEl0(cpu) ? 2 : 1;
            long sctlr = El2Regs.tgeAtEl0(cpu) && (cpu.hcrEl2 & El2Regs.HCR_E2H) != 0 ? cpu.sctlr[2] : cpu.sctlr[1];
            if (a.op.equals("zva")) {
                return (sctlr & (1L << 14)) == 0 ? SysRegAccess.trap(w, target) : null;
            }
            if (a.kind.equals("dc") || a.kind.equals("ic")) {
                return (sctlr & (1L << 26)) == 0 ? SysRegAccess.trap(w, target) : null;
            }
            if (!a.kind.equals("at")) {
                return (sctlr & (1L << 10)) == 0 ? SysRegAccess.trap(w, target) : null; // EnRCTX
            }
            return GuestFault.undefined();
        }
        return null;
    }
}
