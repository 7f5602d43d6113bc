package io.el2studio.sim.cpu;

/**
 * Cache, TLB and address-translation maintenance: the SYS aliases DC, IC, AT and TLBI hand their
 * operation here. {@code op} is the alias name as objdump spells it ("zva", "ivau", "vae1is", ...),
 * {@code arg} the value of Xt (0 when the operation takes no register). The memory system (MMU,
 * TLBs) replaces {@link #DEFAULT} on the Cpu when it exists.
 */
public interface Maintenance {
    void dc(Cpu cpu, String op, long va);

    void ic(Cpu cpu, String op, long va);

    void at(Cpu cpu, String op, long va);

    void tlbi(Cpu cpu, String op, long arg);

    /**
     * The flat machine without caches or TLBs: instruction-cache invalidation drops the predecode
     * cache, DC ZVA zeroes a block of the size DCZID_EL0 advertises, other DC and TLBI are no-ops, and
     * AT reports an identity translation in PAR_EL1 (no MMU yet).
     */
    Maintenance DEFAULT = new Maintenance() {
        @Override
        public void dc(Cpu cpu, String op, long va) {
            if (op.equals("zva")) {
                long block = io.el2studio.sim.sysreg.IdRegs.DC_ZVA_BYTES;
                long base = va & -block;
                // zero highest-first is not required; a fault part way leaves a partial block as the
                // architecture permits (DC ZVA is not single-copy atomic).
                for (long a = base; a < base + block; a += 8) {
                    cpu.write64(a, 0);
                }
            }
        }

        /**
         * IC IVAU invalidates the line holding {@code va} (Arm ARM C5.3, IC IVAU): only the decoded page
         * of the PA it translates to needs re-checking. The other forms (IALLU, IALLUIS), and an IVAU
         * whose VA does not translate, re-check every page.
         */
        @Override
        public void ic(Cpu cpu, String op, long va) {
            if (op.equals("ivau") && icPages(cpu, va)) {
                return;
            }
            cpu.decodeCache.invalidateAll();
        }

        @Override
        public void at(Cpu cpu, String op, long va) {
            // PAR_EL1 with F=0: PA[47:12] from the identity translation, SH=0b00, ATTR=0x00 (Device-nGnRnE).
            cpu.parEl1 = va & 0x0000_FFFF_FFFF_F000L;
        }

        @Override
        public void tlbi(Cpu cpu, String op, long arg) {
        }
    };

    /**
     * Invalidates the decoded pages {@code va} may be fetched from: the PA of the current translation
     * (a side-effect-free walk of the current regime at the current EL) and, when the TLB holds a
     * translation of {@code va} (possibly stale: fetches use it until its TLBI), that entry's PA too.
     * Returns false when the PA is unknown (the walk faults, or the translator is not the Mmu): the
     * caller then invalidates everything.
     */
    private static boolean icPages(Cpu cpu, long va) {
        if (cpu.mmu == null) {
            cpu.decodeCache.invalidatePage(va);
            return true;
        }
        io.el2studio.sim.mmu.Mmu mmu = io.el2studio.sim.mmu.Mmu.of(cpu);
        if (mmu == null) {
            return false;
        }
        io.el2studio.sim.mmu.Walker.Result r = io.el2studio.sim.mmu.Walker.debugTranslate(cpu, va);
        if (!r.ok()) {
            return false;
        }
        cpu.decodeCache.invalidatePage(r.entry().pa(va));
        io.el2studio.sim.mmu.MmuRegs regs = io.el2studio.sim.mmu.MmuRegs.of(cpu, io.el2studio.sim.mmu.Regime.of(cpu, cpu.el));
        io.el2studio.sim.mmu.Entry e = mmu.tlb.lookup(regs.regime(), regs.vmid(), regs.asid(), va & ((1L << 56) - 1));
        if (e != null) {
            cpu.decodeCache.invalidatePage(e.pa(va));
        }
        return true;
    }
}
