package io.el2studio.sim.mmu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.Maintenance;
import io.el2studio.sim.cpu.Translator;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The memory management unit of one PE: translation of every access through the current regime
 * (stage 1, stage 2), the permission and alignment checks, the TLB, and the TLB maintenance and
 * address translation instructions ({@link Maintenance}).
 *
 * <p>Hot path: a micro-TLB per EL ("bank") and access kind, direct-mapped by VA page, holding only
 * translations already checked for that EL, kind and PSTATE.PAN. A hit costs a comparison of the
 * bank's register snapshot with the PE's registers and two array loads. Anything else (miss,
 * unaligned access that needs checking, changed registers) goes to {@link #slow}, which looks in the
 * main {@link Tlb} and walks on a miss. A register change empties only the micro-TLB: the main TLB
 * keeps its entries, tagged by VMID and ASID, until a TLBI.
 */
public final class Mmu implements Translator, Maintenance {
    static final int MICRO = 256;
    /** Micro-TLB payload flag: an unaligned access needs the slow path (Device memory or SCTLR.A). */
    static final long CHECK_ALIGN = 1;

    /** Micro-TLB and register snapshot of one EL. */
    static final class Bank {
        final int el;
        final long[] tag = new long[3 * MICRO];
        final long[] pa = new long[3 * MICRO];
        boolean valid;
        long hcr, scr, sctlr, tcr, ttbr0, ttbr1, mair, vttbr, vtcr;
        boolean pan;
        MmuRegs regs;
        boolean flat;
        boolean alignA;

        Bank(int el) {
            this.el = el;
            Arrays.fill(tag, -1L);
        }

        boolean matches(Cpu c) {
            if (!valid) {
                return false;
            }
            int re = regs.regime().el;
            return c.hcrEl2 == hcr && c.sctlr[re] == sctlr && c.tcr[re] == tcr && c.ttbr0[re] == ttbr0
                    && c.ttbr1[re] == ttbr1 && c.vttbrEl2 == vttbr && c.vtcrEl2 == vtcr && c.mair[re] == mair
                    && c.scrEl3 == scr && (c.pan == pan || el == 0);
        }

        void refresh(Cpu c) {
            Arrays.fill(tag, -1L);
            Regime r = Regime.of(c, el);
            int re = r.el;
            hcr = c.hcrEl2;
            scr = c.scrEl3;
            sctlr = c.sctlr[re];
            tcr = c.tcr[re];
            ttbr0 = c.ttbr0[re];
            ttbr1 = c.ttbr1[re];
            mair = c.mair[re];
            vttbr = c.vttbrEl2;
            vtcr = c.vtcrEl2;
            pan = c.pan;
            regs = MmuRegs.of(c, r);
            flat = !regs.stage1Enabled() && !regs.stage2Enabled();
            alignA = (sctlr & 2) != 0;
            valid = true;
        }
    }

    public final Cpu cpu;
    public final Tlb tlb = new Tlb();
    /**
     * With stage 1 disabled, data accesses are Device-nGnRnE, so an unaligned one is an Alignment fault
     * (Arm ARM, "The effects of disabling an address translation stage" and "Alignment of data accesses"). True by default (the architecture). QEMU 7.2 does not do this
     * (an unaligned LDR with SCTLR_EL1.M = 0 completes there; checked with qemu-system-aarch64 -M virt
     * -cpu max), so machines whose tests compare against QEMU 7.2 may turn it off.
     */
    private boolean alignDeviceWhenStage1Off = true;

    public void setAlignDeviceWhenStage1Off(boolean on) {
        alignDeviceWhenStage1Off = on;
        flushMicro();
    }

    public boolean alignDeviceWhenStage1Off() {
        return alignDeviceWhenStage1Off;
    }
    /** Every MMU of the machine (this one included): the Inner Shareable domain for broadcast TLBIs. */
    final List<Mmu> domain;
    final Bank[] banks = {new Bank(0), new Bank(1), new Bank(2), new Bank(3)};
    /**
     * The bank validated by the last {@link #translateFetchInRun} of {@link Cpu#run}'s page loop: until
     * the loop translates the next fetch, the translation registers cannot change (it leaves its page
     * after every system instruction, ERET, EL change and exception), so data accesses may skip the
     * register comparison. Null outside the run loop ({@link #leave}) and after any TLB maintenance.
     */
    private Bank trusted;

    private Mmu(Cpu cpu, List<Mmu> domain) {
        this.cpu = cpu;
        this.domain = domain;
    }

    /** Installs an MMU on each PE of a machine; the PEs form one Inner Shareable domain. */
    public static List<Mmu> install(List<Cpu> cpus) {
        List<Mmu> domain = new ArrayList<>();
        for (Cpu c : cpus) {
            Mmu m = new Mmu(c, domain);
            domain.add(m);
            c.mmu = m;
            c.maintenance = m;
        }
        return domain;
    }

    /** Installs an MMU on a single PE (its own shareability domain). */
    public static Mmu install(Cpu cpu) {
        return install(List.of(cpu)).get(0);
    }

    /** The MMU of a PE (also under a debugger's wrapper, see Translator#underlying), or null when none is installed. */
    public static Mmu of(Cpu cpu) {
        return cpu.mmu != null && cpu.mmu.underlying() instanceof Mmu m ? m : null;
    }

    // ---- translation ----

    /** The EL whose permissions an unprivileged access (LDTR/STTR) checks: EL0 from EL1, and from EL2 in the host. */
    static int unprivEl(Cpu c) {
        int el = c.el;
        if (el == 1 || (el == 2 && Regime.of(c, 2) == Regime.EL20 && (c.hcrEl2 & El2Regs.HCR_TGE) != 0)) {
            return c.uao ? el : 0;
        }
        return el;
    }

    @Override
    public long translate(Cpu c, long va, int kind, int size) {
        int el = c.accessInfo < 0 ? unprivEl(c) : c.el;
        Bank b = banks[el];
        // Trust holds only while this MMU is the PE's translator, directly or under a wrapper that
        // forwards translateFetchInRun and leave() (the debugger's watchpoints).
        if ((b == trusted && kind != Cpu.FETCH && (c.mmu == this || c.mmu.underlying() == this)) || b.matches(c)) {
            long page = va >>> 12;
            int i = kind * MICRO + ((int) page & (MICRO - 1));
            if (b.tag[i] == page) {
                long p = b.pa[i];
                if ((va & (size - 1)) == 0 || (p & CHECK_ALIGN) == 0) {
                    return (p & ~0xFFFL) | (va & 0xFFF);
                }
            }
        }
        return slow(c, b, va, kind, size);
    }

    @Override
    public long translateFetchInRun(Cpu c, long va) {
        trusted = null;
        long pa = translate(c, va, Cpu.FETCH, 4);
        trusted = banks[c.el];
        return pa;
    }

    @Override
    public void leave(Cpu c) {
        trusted = null;
    }

    @Override
    public boolean fastPathAllowed() {
        return true;
    }

    private long slow(Cpu c, Bank b, long va, int kind, int size) {
        if (!b.matches(c)) {
            b.refresh(c);
            if (b == trusted) {
                trusted = null;
            }
        }
        MmuRegs regs = b.regs;
        boolean unaligned = (va & (size - 1)) != 0 && kind != Cpu.FETCH;
        try {
            if (unaligned && b.alignA) {
                // SCTLR_ELx.A: alignment fault on any unaligned data access, before translation.
                throw new WalkFault(WalkFault.ALIGNMENT, 0, false, false, -1);
            }
            Entry e = entryFor(b, va, kind);
            boolean priv = b.el != 0;
            boolean s1Device = e.s1Device && (e.s1Enabled || alignDeviceWhenStage1Off);
            check(e, regs, kind, priv, priv && c.pan, unaligned && s1Device, unaligned, va);
            long page = va >>> 12;
            int i = kind * MICRO + ((int) page & (MICRO - 1));
            b.tag[i] = page;
            b.pa[i] = (e.pa(va) & ~0xFFFL) | (s1Device || e.s2Device || b.alignA ? CHECK_ALIGN : 0);
            return e.pa(va);
        } catch (WalkFault f) {
            throw Aborts.abort(c, f, va, kind, regs.regime(), false);
        }
    }

    /** The translation of {@code va} in bank {@code b}'s context: the main TLB, or a walk that fills it. */
    Entry entryFor(Bank b, long va, int kind) {
        MmuRegs regs = b.regs;
        if (b.flat) {
            Entry e = new Entry();
            e.regime = regs.regime();
            new Walker(cpu.bus, regs, null).stage1Disabled(e, va, kind);
            e.paBase = e.ipaBase;
            e.attr = e.s1Attr;
            e.sh = e.s1Sh;
            return e;
        }
        if (topByteOk(regs, va)) {
            Entry e = tlb.lookup(regs.regime(), regs.vmid(), regs.asid(), va & Walker.VA56);
            if (e != null) {
                return e;
            }
        }
        Entry e = new Walker(cpu.bus, regs, null).translate(va, kind);
        tlb.insert(e);
        return e;
    }

    /**
     * VA[63:56] agree with VA[55] or are ignored (TBI): the TLB is looked up with VA[55:0], and a VA
     * whose top byte would fail the range check must walk (and fault) instead.
     */
    static boolean topByteOk(MmuRegs r, long va) {
        long top = va >> 55;
        if (top == 0 || top == -1) {
            return true;
        }
        long tcr = r.tcr();
        if (!r.stage1Enabled()) {
            return false;
        }
        if (r.regime().twoRanges()) {
            return (tcr & (1L << (((va >>> 55) & 1) == 0 ? 37 : 38))) != 0;
        }
        return (tcr & (1L << 20)) != 0;
    }

    /**
     * Permission and memory-type alignment checks (AArch64.S1CheckPermissions, AArch64.S2CheckPermissions;
     * alignment of Device accesses), in the architecture's order: stage 1 Device alignment, stage 1
     * permissions, stage 2 Device alignment, stage 2 permissions.
     */
    static void check(Entry e, MmuRegs regs, int kind, boolean priv, boolean pan, boolean s1Unaligned, boolean unaligned,
            long va) {
        if (s1Unaligned) {
            throw new WalkFault(WalkFault.ALIGNMENT, 0, false, false, -1);
        }
        if (e.s1Enabled && !s1Allows(e, regs, kind, priv, pan)) {
            throw new WalkFault(WalkFault.PERMISSION, e.s1Level, false, false, -1);
        }
        if (e.s2Enabled) {
            if (unaligned && e.s2Device) {
                throw new WalkFault(WalkFault.ALIGNMENT, 0, true, false, -1);
            }
            boolean ok = switch (kind) {
                case Cpu.READ -> (e.s2ap & 1) != 0;
                case Cpu.WRITE -> (e.s2ap & 2) != 0;
                default -> !e.s2xn;
            };
            if (!ok) {
                throw new WalkFault(WalkFault.PERMISSION, e.s2Level, true, false, e.ipa(va));
            }
        }
    }

    /**
     * Stage 1 permissions (Arm ARM D8.4, AArch64.S1CheckPermissions without FEAT_PAN3/S1PIE): AP[2:1]
     * for EL1/EL0, PSTATE.PAN removing privileged data access to EL0-accessible memory, WXN, the
     * implicit PXN of EL0-writable memory, and execute-never for Device memory.
     */
    static boolean s1Allows(Entry e, MmuRegs regs, int kind, boolean priv, boolean pan) {
        boolean wxn = (regs.sctlr() & (1L << 19)) != 0;
        int ap = e.ap;
        boolean r, w, xn;
        if (e.regime.twoRanges()) {
            boolean userR = (ap & 1) != 0;
            boolean userW = ap == 1;
            boolean privW = (ap & 2) == 0;
            if (priv) {
                boolean panBlocks = pan && userR && kind != Cpu.FETCH;
                r = !panBlocks;
                w = privW && !panBlocks;
                xn = e.pxn || (privW && wxn) || userW;
            } else {
                r = userR;
                w = userW;
                xn = e.uxn || (userW && wxn);
            }
        } else {
            r = true;
            w = (ap & 2) == 0;
            xn = e.uxn || (w && wxn);
        }
        return switch (kind) {
            case Cpu.READ -> r;
            case Cpu.WRITE -> w;
            default -> !xn && !(e.s1Device && e.s1Enabled);
        };
    }

    /** Empties every micro-TLB of this PE (after a TLBI). */
    void flushMicro() {
        trusted = null;
        for (Bank b : banks) {
            b.valid = false;
        }
    }

    // ---- maintenance ----

    @Override
    public void dc(Cpu c, String op, long va) {
        if (op.equals("zva")) {
            Maintenance.DEFAULT.dc(c, op, va);
        } else if (!op.endsWith("sw")) {
            // DC by VA: translated (faults report CM = 1), no data moves (no caches are modelled).
            AtOps.translateForMaintenance(this, c, va);
        }
    }

    @Override
    public void ic(Cpu c, String op, long va) {
        Maintenance.DEFAULT.ic(c, op, va);
    }

    @Override
    public void at(Cpu c, String op, long va) {
        AtOps.at(this, c, op, va);
    }

    @Override
    public void tlbi(Cpu c, String op, long arg) {
        TlbiOps.tlbi(this, c, op, arg);
    }
}
