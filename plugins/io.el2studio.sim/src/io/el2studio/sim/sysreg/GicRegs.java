package io.el2studio.sim.sysreg;

import java.util.List;
import java.util.Map;

import io.el2studio.sim.gic.GicSysRegs;
import io.el2studio.sim.gic.SysRegBinding;
import io.el2studio.sim.timer.TimerSysRegs;

/**
 * The system registers implemented by device models: the GICv3 CPU interface (ICC_*, reaching ICV_*
 * at EL1 under HCR_EL2.IMO/FMO) and virtual interface controls (ICH_*) of io.el2studio.sim.gic, and the
 * generic timers (CNTP_*, CNTV_*, CNTHP_*, CNTHV_*, *_EL02, CNTKCTL_*, CNTPCT/CNTVCT) of
 * io.el2studio.sim.timer. Each {@link SysRegBinding} becomes a row whose storage is the model and whose
 * register-specific check is the model's (ICH_HCR_EL2 traps, CNTKCTL_EL1/CNTHCTL_EL2 traps); the
 * fields a hypervisor engineer reads are named here (Arm GICv3/v4 architecture specification, 12.4).
 * On a machine without the models (no GIC attached to the PE) accesses are UNDEFINED.
 */
final class GicRegs {
    private GicRegs() {
    }

    static final String[] ICH_LR_FIELDS = {
        "63:62 State 0b00 invalid, 0b01 pending, 0b10 active, 0b11 pending and active",
        "61 HW Virtual interrupt corresponds to a physical interrupt", "60 Group 0 = Group 0, 1 = Group 1",
        "59:56 RES0", "55:48 Priority Virtual priority (bits 50:48 RES0: 5 priority bits)",
        "47:45 RES0", "44:32 pINTID Physical INTID (HW = 1) or EOI maintenance request (bit 41, HW = 0)",
        "31:0 vINTID Virtual INTID"};

    private static final Map<String, String[]> FIELDS = Map.of(
            "ICH_HCR_EL2", new String[] {
                "63:32 RES0", "31:27 EOIcount Count of EOIs without a List register entry", "26:15 RES0",
                "14 TDIR Trap EL1 writes to ICC_DIR_EL1 and ICV_DIR_EL1", "13 RES0 TSEI (no SEIs)",
                "12 TALL1 Trap EL1 accesses to ICC_* and ICV_* for Group 1", "11 TALL0 Trap EL1 accesses for Group 0",
                "10 TC Trap EL1 accesses to common registers", "9:8 RES0",
                "7 VGrp1DIE vPE Group 1 Disabled Interrupt Enable (maintenance interrupt)",
                "6 VGrp1EIE vPE Group 1 Enabled Interrupt Enable", "5 VGrp0DIE vPE Group 0 Disabled Interrupt Enable",
                "4 VGrp0EIE vPE Group 0 Enabled Interrupt Enable", "3 NPIE No Pending Interrupt Enable",
                "2 LRENPIE List Register Entry Not Present Interrupt Enable", "1 UIE Underflow Interrupt Enable",
                "0 En Enable the virtual CPU interface"},
            "ICH_VTR_EL2", new String[] {
                "63:32 RES0", "31:29 !PRIbits Virtual priority bits - 1", "28:26 !PREbits Virtual preemption bits - 1",
                "25:23 !IDbits Virtual INTID bits: 0b000 = 16, 0b001 = 24", "22 !SEIS SEI support", "21 !A3V Affinity 3 valid",
                "20 !nV4 Direct injection of virtual interrupts not supported (GICv4)",
                "19 !TDS Separate trapping of EL1 writes to ICV_DIR_EL1", "18 !DVIM Masking of directly-injected virtual interrupts",
                "17:5 RES0", "4:0 !ListRegs Number of List registers - 1"},
            "ICH_MISR_EL2", new String[] {
                "63:9 RES0", "8 VSGIEOI", "7 VGrp1D", "6 VGrp1E", "5 VGrp0D", "4 VGrp0E", "3 NP No Pending",
                "2 LRENP List Register Entry Not Present", "1 U Underflow", "0 EOI End Of Interrupt"},
            "ICH_EISR_EL2", new String[] {"63:16 RES0", "15:0 !Status EOI maintenance interrupt for LR<n>"},
            "ICH_ELRSR_EL2", new String[] {"63:16 RES0", "15:0 !Status LR<n> is empty"},
            "ICH_VMCR_EL2", new String[] {
                "63:32 RES0", "31:24 VPMR Virtual Priority Mask", "23:21 VBPR0 Virtual Binary Point, Group 0",
                "20:18 VBPR1 Virtual Binary Point, Group 1", "17:10 RES0", "9 VEOIM Virtual EOI mode", "8:5 RES0",
                "4 VCBPR Common Binary Point", "3 VFIQEn Virtual FIQ enable (RES1)", "2 VAckCtl (RES0)",
                "1 VENG1 Virtual Group 1 enable", "0 VENG0 Virtual Group 0 enable"},
            "ICC_CTLR_EL1", new String[] {
                "63:20 RES0", "19 !ExtRange", "18 !RSS", "17:16 RES0", "15 !A3V Affinity 3 valid", "14 !SEIS",
                "13:11 !IDbits INTID bits: 0b001 = 24", "10:8 !PRIbits Priority bits - 1", "7 RES0", "6 !PMHE",
                "5:2 RES0", "1 EOImode 1 = EOIR drops priority only, DIR deactivates", "0 CBPR Common Binary Point"},
            "ICC_SGI1R_EL1", new String[] {
                "63:56 RES0", "55:48 Aff3", "47:44 RS Range selector", "43:41 RES0", "40 IRM Every PE but this one",
                "39:32 Aff2", "31:28 RES0", "27:24 INTID SGI number", "23:16 Aff1", "15:0 TargetList Aff0 = RS * 16 + n"});

    static void addTo(List<SysReg> rows) {
        bind(rows, GicSysRegs.all(), "GICv3 CPU interface (io.el2studio.sim.gic)");
        bind(rows, TimerSysRegs.all(), "generic timer (io.el2studio.sim.timer)");
    }

    private static void bind(List<SysReg> rows, List<SysRegBinding> bindings, String note) {
        for (SysRegBinding b : bindings) {
            SysReg r = CoreRegs.reg(rows, b.name(), b.op0(), b.op1(), b.crn(), b.crm(), b.op2()).el(b.minEl());
            var rd = b.reader();
            var wr = b.writer();
            r.store(rd != null ? rd::applyAsLong : c -> 0, wr != null ? wr::accept : (c, v) -> { });
            if (rd == null) {
                r.wo();
            }
            if (wr == null) {
                r.ro();
            }
            SysRegBinding.Check ck = b.check();
            if (ck != null) {
                r.check((c, reg, read, w) -> ck.check(c, read, w));
            }
            String[] f = b.name().startsWith("ICH_LR") ? ICH_LR_FIELDS : FIELDS.get(b.name());
            if (f != null) {
                r.fields(f);
            }
            r.note(b.readHasSideEffects() ? note + "; reading acknowledges an interrupt" : note);
        }
    }
}
