package io.el2studio.sim.sysreg;

import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.isa.Feature;

/**
 * FEAT_VHE register redirection (Arm ARM D5.6, "Virtualization Host Extensions"): at EL2 with
 * HCR_EL2.E2H = 1, the encodings of the EL1 registers below access their EL2 counterparts, and the
 * {@code *_EL12} encodings (op1 = 5) reach the EL1 registers (UNDEFINED when E2H is 0).
 */
final class VheRegs {
    private VheRegs() {
    }

    /** EL1 register, its EL2 counterpart under E2H, and the op1 = 5 alias name. */
    private static final String[][] PAIRS = {
        {"SCTLR_EL1", "SCTLR_EL2", "SCTLR_EL12"}, {"CPACR_EL1", "CPTR_EL2", "CPACR_EL12"},
        {"TTBR0_EL1", "TTBR0_EL2", "TTBR0_EL12"}, {"TTBR1_EL1", "TTBR1_EL2", "TTBR1_EL12"},
        {"TCR_EL1", "TCR_EL2", "TCR_EL12"}, {"AFSR0_EL1", "AFSR0_EL2", "AFSR0_EL12"},
        {"AFSR1_EL1", "AFSR1_EL2", "AFSR1_EL12"}, {"ESR_EL1", "ESR_EL2", "ESR_EL12"},
        {"FAR_EL1", "FAR_EL2", "FAR_EL12"}, {"MAIR_EL1", "MAIR_EL2", "MAIR_EL12"},
        {"AMAIR_EL1", "AMAIR_EL2", "AMAIR_EL12"}, {"VBAR_EL1", "VBAR_EL2", "VBAR_EL12"},
        {"CONTEXTIDR_EL1", "CONTEXTIDR_EL2", "CONTEXTIDR_EL12"}, {"SPSR_EL1", "SPSR_EL2", "SPSR_EL12"},
        {"ELR_EL1", "ELR_EL2", "ELR_EL12"}};

    static SysReg find(List<SysReg> rows, String name) {
        for (SysReg r : rows) {
            if (r.name.equals(name)) {
                return r;
            }
        }
        throw new IllegalStateException("VheRegs: no row " + name);
    }

    static boolean e2h(Cpu cpu) {
        return (cpu.hcrEl2 & El2Regs.HCR_E2H) != 0;
    }

    static void addTo(List<SysReg> rows) {
        for (String[] p : PAIRS) {
            SysReg el1 = find(rows, p[0]);
            el1.e2hTarget = find(rows, p[1]);
            SysReg alias = new SysReg(p[2], el1.op0, 5, el1.crn, el1.crm, el1.op2).el(2).needs(Feature.VHE)
                    .store(el1::read, el1::write)
                    .check((c, r, read, w) -> e2h(c) ? null : GuestFault.undefined())
                    .note("FEAT_VHE: accesses " + p[0] + " when HCR_EL2.E2H is 1");
            alias.fields.addAll(el1.fields);
            rows.add(alias);
        }
    }
}
