package io.el2studio.sim.sysreg;

import java.util.List;

/**
 * The GICv3 virtualization control registers, NAMED ONLY: the GIC is not modelled yet, so accesses
 * are UNDEFINED (and logged), but the rows carry the fields a hypervisor engineer reads, for the
 * register views and the GDB description (Arm GICv3/v4 architecture specification, 12.4).
 */
final class GicRegs {
    private GicRegs() {
    }

    static final String[] ICH_LR_FIELDS = {
        "63:62 State 0b00 invalid, 0b01 pending, 0b10 active, 0b11 pending and active",
        "61 HW Virtual interrupt corresponds to a physical interrupt", "60 Group 0 = Group 0, 1 = Group 1",
        "59 NMI Non-maskable (FEAT_GICv3_NMI)", "58:56 RES0", "55:48 Priority Virtual priority",
        "47:45 RES0", "44:32 pINTID Physical INTID (HW = 1) or EOI maintenance request (bit 41, HW = 0)",
        "31:0 vINTID Virtual INTID"};

    static void addTo(List<SysReg> rows) {
        String gic = "NOT MODELLED: the GIC is not implemented yet";
        CoreRegs.reg(rows, "ICH_HCR_EL2", 3, 4, 12, 11, 0).el(2).note(gic).fields(
                "63:32 RES0", "31:27 EOIcount Count of EOIs without a List register entry", "26:15 RES0",
                "14 TDIR Trap EL1 writes to ICC_DIR_EL1 and ICV_DIR_EL1", "13 TSEI Trap locally generated SEIs",
                "12 TALL1 Trap EL1 accesses to ICC_* and ICV_* for Group 1", "11 TALL0 Trap EL1 accesses for Group 0",
                "10 TC Trap EL1 accesses to common registers", "9 RES0", "8 vSGIEOICount",
                "7 VGrp1DIE vPE Group 1 Disabled Interrupt Enable (maintenance interrupt)",
                "6 VGrp1EIE vPE Group 1 Enabled Interrupt Enable", "5 VGrp0DIE vPE Group 0 Disabled Interrupt Enable",
                "4 VGrp0EIE vPE Group 0 Enabled Interrupt Enable", "3 NPIE No Pending Interrupt Enable",
                "2 LRENPIE List Register Entry Not Present Interrupt Enable", "1 UIE Underflow Interrupt Enable",
                "0 En Enable the virtual CPU interface");
        CoreRegs.reg(rows, "ICH_VTR_EL2", 3, 4, 12, 11, 1).el(2).ro().note(gic).fields(
                "63:32 RES0", "31:29 !PRIbits Virtual priority bits - 1", "28:26 !PREbits Virtual preemption bits - 1",
                "25:23 !IDbits Virtual INTID bits: 0b000 = 16, 0b001 = 24", "22 !SEIS SEI support", "21 !A3V Affinity 3 valid",
                "20 !nV4 Direct injection of virtual interrupts not supported (GICv4)", "19 !TDS Separate trapping of EL1 writes to ICV_DIR_EL1",
                "18 !DVIM Masking of directly-injected virtual interrupts", "17:5 RES0", "4:0 !ListRegs Number of List registers - 1");
        CoreRegs.reg(rows, "ICH_MISR_EL2", 3, 4, 12, 11, 2).el(2).ro().note(gic).fields(
                "63:9 RES0", "8 VSGIEOI", "7 VGrp1D", "6 VGrp1E", "5 VGrp0D", "4 VGrp0E", "3 NP No Pending",
                "2 LRENP List Register Entry Not Present", "1 U Underflow", "0 EOI End Of Interrupt");
        CoreRegs.reg(rows, "ICH_EISR_EL2", 3, 4, 12, 11, 3).el(2).ro().note(gic).fields("63:16 RES0", "15:0 !Status<n> EOI maintenance interrupt for LR<n>");
        CoreRegs.reg(rows, "ICH_ELRSR_EL2", 3, 4, 12, 11, 5).el(2).ro().note(gic).fields("63:16 RES0", "15:0 !Status<n> LR<n> is empty");
        CoreRegs.reg(rows, "ICH_VMCR_EL2", 3, 4, 12, 11, 7).el(2).note(gic).fields(
                "63:32 RES0", "31:24 VPMR Virtual Priority Mask", "23:21 VBPR0 Virtual Binary Point, Group 0",
                "20:18 VBPR1 Virtual Binary Point, Group 1", "17:10 RES0", "9 VEOIM Virtual EOI mode", "8:5 RES0",
                "4 VCBPR Common Binary Point", "3 VFIQEn Virtual FIQ enable", "2 VAckCtl", "1 VENG1 Virtual Group 1 enable",
                "0 VENG0 Virtual Group 0 enable");
        for (int n = 0; n < 16; n++) {
            CoreRegs.reg(rows, "ICH_LR" + n + "_EL2", 3, 4, 12, 12 + n / 8, n % 8).el(2).note(gic).fields(ICH_LR_FIELDS);
        }
        for (int n = 0; n < 4; n++) {
            CoreRegs.reg(rows, "ICH_AP0R" + n + "_EL2", 3, 4, 12, 8, n).el(2).note(gic);
            CoreRegs.reg(rows, "ICH_AP1R" + n + "_EL2", 3, 4, 12, 9, n).el(2).note(gic);
        }
    }
}
