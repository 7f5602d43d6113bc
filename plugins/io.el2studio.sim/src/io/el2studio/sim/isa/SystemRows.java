package io.el2studio.sim.isa;

import java.util.List;

import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.cpu.SysOps;
import io.el2studio.sim.cpu.SystemExec;
import io.el2studio.sim.sysreg.SysRegExec;

/**
 * The System instruction class of op0 = 101x (Arm ARM C4.1.65, "System instructions", encoding
 * {@code 1101010100 L op0:2 op1:3 CRn:4 CRm:4 op2:3 Rt:5}): PSTATE (MSR immediate), hints,
 * barriers, SYS/SYSL and MRS/MSR (register). objdump prints every unallocated op0 = 0 encoding as
 * {@code msr s0_<op1>_c<n>_c<m>_<op2>, <Xt>} (or {@code mrs} when L = 1); those are UNDEFINED.
 */
final class SystemRows {
    private SystemRows() {
    }

    private static final Exec UNDEFINED = (cpu, w) -> {
        throw GuestFault.undefined();
    };

    /** Hint names by CRm:op2, as objdump 2.40 prints them; null = {@code hint #imm}. DGH (#6) is printed as a hint. */
    static final String[] HINTS = new String[128];

    static {
        String[] named = {"0 nop", "1 yield", "2 wfe", "3 wfi", "4 sev", "5 sevl", "7 xpaclri", "8 pacia1716",
            "10 pacib1716", "12 autia1716", "14 autib1716", "16 esb", "17 psb csync", "18 tsb csync", "20 csdb",
            "22 clearbhb", "24 paciaz", "25 paciasp", "26 pacibz", "27 pacibsp", "28 autiaz", "29 autiasp",
            "30 autibz", "31 autibsp", "32 bti", "34 bti c", "36 bti j", "38 bti jc"};
        for (String s : named) {
            int sp = s.indexOf(' ');
            HINTS[Integer.parseInt(s.substring(0, sp))] = s.substring(sp + 1);
        }
    }

    /** Barrier option names (CRm) for DSB and DMB; null = {@code #0x%02x}. */
    static final String[] BARRIER = {null, "oshld", "oshst", "osh", null, "nshld", "nshst", "nsh",
        null, "ishld", "ishst", "ish", null, "ld", "st", "sy"};
    static final String[] NXS = {"oshnxs", "nshnxs", "ishnxs", "synxs"};

    static int crm(int w) {
        return (w >>> 8) & 15;
    }

    static String sreg(int w) {
        return String.format("s%d_%d_c%d_c%d_%d", (w >>> 19) & 3, (w >>> 16) & 7, (w >>> 12) & 15, (w >>> 8) & 15, (w >>> 5) & 7);
    }

    static String pstate(String field, int w) {
        return "msr " + field + ", #0x" + Integer.toHexString(crm(w));
    }

    static void addTo(List<Row> rows) {
        // ---- PSTATE: op0 = 00, CRn = 0100, Rt = 11111 ----
        rows.add(new Row("CFINV", "1101010100 0 00 000 0100 0000 000 11111").needs(Feature.FLAGM).exec(SystemExec::cfinv).dis((w, pc) -> "cfinv"));
        rows.add(new Row("XAFLAG", "1101010100 0 00 000 0100 0000 001 11111").needs(Feature.FLAGM2).exec(SystemExec::xaflag).dis((w, pc) -> "xaflag"));
        rows.add(new Row("AXFLAG", "1101010100 0 00 000 0100 0000 010 11111").needs(Feature.FLAGM2).exec(SystemExec::axflag).dis((w, pc) -> "axflag"));
        rows.add(new Row("MSR_UAO", "1101010100 0 00 000 0100 000 imm:1 011 11111").needs(Feature.UAO).exec(SystemExec::msrUao).dis((w, pc) -> pstate("uao", w)));
        rows.add(new Row("MSR_PAN", "1101010100 0 00 000 0100 000 imm:1 100 11111").needs(Feature.PAN).exec(SystemExec::msrPan).dis((w, pc) -> pstate("pan", w)));
        rows.add(new Row("MSR_SPSel", "1101010100 0 00 000 0100 000 imm:1 101 11111").exec(SystemExec::msrSpsel).dis((w, pc) -> pstate("spsel", w)));
        // ALLINT (FEAT_NMI) and the SME mode changes are not implemented: UNDEFINED, disassembled.
        rows.add(new Row("MSR_ALLINT", "1101010100 0 00 001 0100 000 imm:1 000 11111").exec(UNDEFINED).dis((w, pc) -> pstate("allint", w)));
        rows.add(new Row("MSR_SSBS", "1101010100 0 00 011 0100 000 imm:1 001 11111").needs(Feature.SSBS).exec(SystemExec::msrSsbs).dis((w, pc) -> pstate("ssbs", w)));
        rows.add(new Row("MSR_DIT", "1101010100 0 00 011 0100 000 imm:1 010 11111").needs(Feature.DIT).exec(SystemExec::msrDit).dis((w, pc) -> pstate("dit", w)));
        rows.add(new Row("MSR_TCO", "1101010100 0 00 011 0100 000 imm:1 100 11111").needs(Feature.MTE).exec(SystemExec::msrTco).dis((w, pc) -> pstate("tco", w)));
        rows.add(new Row("SMSTART_SMSTOP", "1101010100 0 00 011 0100 0 mask:2 start:1 011 11111").when(w -> ((w >>> 9) & 3) != 0)
                .exec(UNDEFINED).dis((w, pc) -> ((w & (1 << 8)) != 0 ? "smstart" : "smstop")
                        + switch ((w >>> 9) & 3) { case 1 -> " sm"; case 2 -> " za"; default -> ""; }));
        rows.add(new Row("MSR_DAIFSet", "1101010100 0 00 011 0100 CRm:4 110 11111").exec(SystemExec::msrDaif).dis((w, pc) -> pstate("daifset", w)));
        rows.add(new Row("MSR_DAIFClr", "1101010100 0 00 011 0100 CRm:4 111 11111").exec(SystemExec::msrDaif).dis((w, pc) -> pstate("daifclr", w)));

        // ---- hints: CRn = 0010; unallocated hints execute as NOP ----
        rows.add(new Row("WFE", "1101010100 0 00 011 0010 0000 010 11111").exec(SystemExec::wfx).dis((w, pc) -> "wfe"));
        rows.add(new Row("WFI", "1101010100 0 00 011 0010 0000 011 11111").exec(SystemExec::wfx).dis((w, pc) -> "wfi"));
        rows.add(new Row("SEV", "1101010100 0 00 011 0010 0000 100 11111").exec(SystemExec::sev).dis((w, pc) -> "sev"));
        rows.add(new Row("SEVL", "1101010100 0 00 011 0010 0000 101 11111").exec(SystemExec::sevl).dis((w, pc) -> "sevl"));
        // YIELD: one PE at a time on one host thread, nothing to yield to: NOP. ESB, PSB, TSB, CSDB,
        // CLRBHB, DGH: no speculation, no RAS, no tracing: NOP. PAC and BTI hints: NOP while FEAT_PAuth
        // and FEAT_BTI are not implemented (the architecture makes them NOPs then).
        rows.add(new Row("HINT", "1101010100 0 00 011 0010 CRm:4 op2:3 11111").exec(SystemExec::nop).dis((w, pc) -> {
            String n = HINTS[(w >>> 5) & 127];
            return n != null ? n : "hint #0x" + Integer.toHexString((w >>> 5) & 127);
        }));

        // ---- barriers: CRn = 0011 ----
        rows.add(new Row("WFET_WFIT", "1101010100 0 00 011 0001 0000 00 op:1 Rd:5").exec(UNDEFINED)
                .dis((w, pc) -> ((w & (1 << 5)) != 0 ? "wfit " : "wfet ") + BranchSysRows.x(w & 31)));
        rows.add(new Row("CLREX", "1101010100 0 00 011 0011 CRm:4 010 11111").exec(SystemExec::clrex)
                .dis((w, pc) -> crm(w) == 15 ? "clrex" : "clrex #0x" + Integer.toHexString(crm(w))));
        rows.add(new Row("DSB_nXS", "1101010100 0 00 011 0011 imm2:2 10 001 11111").exec(UNDEFINED)
                .dis((w, pc) -> "dsb " + NXS[(w >>> 10) & 3]));
        rows.add(new Row("TCOMMIT", "1101010100 0 00 011 0011 0000 011 11111").exec(UNDEFINED).dis((w, pc) -> "tcommit"));
        rows.add(new Row("SSBB", "1101010100 0 00 011 0011 0000 100 11111").exec(SystemExec::nop).dis((w, pc) -> "ssbb"));
        rows.add(new Row("PSSBB", "1101010100 0 00 011 0011 0100 100 11111").exec(SystemExec::nop).dis((w, pc) -> "pssbb"));
        rows.add(new Row("DSB", "1101010100 0 00 011 0011 CRm:4 100 11111").exec(SystemExec::barrier).dis((w, pc) -> barrier("dsb", w)));
        rows.add(new Row("DMB", "1101010100 0 00 011 0011 CRm:4 101 11111").exec(SystemExec::barrier).dis((w, pc) -> barrier("dmb", w)));
        rows.add(new Row("ISB", "1101010100 0 00 011 0011 CRm:4 110 11111").exec(SystemExec::barrier)
                .dis((w, pc) -> crm(w) == 15 ? "isb" : "isb #0x" + Integer.toHexString(crm(w))));
        rows.add(new Row("SB", "1101010100 0 00 011 0011 0000 111 11111").needs(Feature.SB).exec(SystemExec::nop).dis((w, pc) -> "sb"));

        // ---- TME (FEAT_TME, not implemented) ----
        rows.add(new Row("TSTART", "1101010100 1 00 011 0011 0000 011 Rt:5").exec(UNDEFINED).dis((w, pc) -> "tstart " + BranchSysRows.x(w & 31)));
        rows.add(new Row("TTEST", "1101010100 1 00 011 0011 0001 011 Rt:5").exec(UNDEFINED).dis((w, pc) -> "ttest " + BranchSysRows.x(w & 31)));

        // ---- every other op0 = 00 encoding: unallocated ----
        rows.add(new Row("SYS_op0_00_write", "1101010100 0 00 op1:3 CRn:4 CRm:4 op2:3 Rt:5").exec(UNDEFINED)
                .dis((w, pc) -> "msr " + sreg(w) + ", " + BranchSysRows.x(w & 31)));
        rows.add(new Row("SYS_op0_00_read", "1101010100 1 00 op1:3 CRn:4 CRm:4 op2:3 Rt:5").exec(UNDEFINED)
                .dis((w, pc) -> "mrs " + BranchSysRows.x(w & 31) + ", " + sreg(w)));

        // ---- SYS, SYSL (op0 = 01) and MRS/MSR register (op0 = 1x) ----
        rows.add(new Row("SYS", "1101010100 0 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5").exec(SysOps::sys).dis(SysOps::disSys));
        rows.add(new Row("SYSL", "1101010100 1 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5").exec(SysOps::sysl).dis(SysOps::disSysl));
        rows.add(new Row("MSR_reg", "1101010100 0 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5").exec(SysRegExec::msr).dis(SysRegExec::disMsr));
        rows.add(new Row("MRS", "1101010100 1 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5").exec(SysRegExec::mrs).dis(SysRegExec::disMrs));
    }

    static String barrier(String m, int w) {
        String n = BARRIER[crm(w)];
        return n != null ? m + " " + n : String.format("%s #0x%02x", m, crm(w));
    }
}
