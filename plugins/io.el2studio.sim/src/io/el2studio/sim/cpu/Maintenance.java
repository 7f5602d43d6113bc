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

        @Override
        public void ic(Cpu cpu, String op, long va) {
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
}
