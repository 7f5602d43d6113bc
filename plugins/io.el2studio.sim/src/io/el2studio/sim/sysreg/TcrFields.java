package io.el2studio.sim.sysreg;

/** Field lists of the translation control registers (Arm ARM D17.2.131 TCR_EL1, TCR_EL2, TCR_EL3, VTCR_EL2). */
final class TcrFields {
    private TcrFields() {
    }

    static final String[] TCR_EL1 = {
        "63:62 RES0", "61 MTX1 Extended memory tag checking, TTBR1", "60 MTX0 Extended memory tag checking, TTBR0",
        "59 DS 52-bit output with 4KB/16KB granules (FEAT_LPA2)", "58 TCMA1 Unchecked accesses, TTBR1",
        "57 TCMA0 Unchecked accesses, TTBR0", "56 E0PD1 Fault EL0 accesses via TTBR1 (FEAT_E0PD)",
        "55 E0PD0 Fault EL0 accesses via TTBR0", "54 NFD1 Non-fault translation disable, TTBR1 (FEAT_SVE)",
        "53 NFD0 Non-fault translation disable, TTBR0", "52 TBID1 TBI for data only, TTBR1 (FEAT_PAuth)",
        "51 TBID0 TBI for data only, TTBR0", "50 HWU162 Hardware use bit 62, TTBR1", "49 HWU161", "48 HWU160",
        "47 HWU159", "46 HWU062 Hardware use bit 62, TTBR0", "45 HWU061", "44 HWU060", "43 HWU059",
        "42 HPD1 Hierarchical permission disable, TTBR1 (FEAT_HPDS)", "41 HPD0 Hierarchical permission disable, TTBR0",
        "40 HD Hardware dirty state update (FEAT_HAFDBS)", "39 HA Hardware Access flag update",
        "38 TBI1 Top Byte Ignored, TTBR1", "37 TBI0 Top Byte Ignored, TTBR0", "36 AS ASID size: 1 = 16 bit",
        "35 RES0", "34:32 IPS Intermediate physical address size", "31:30 TG1 TTBR1 granule: 1 = 16KB, 2 = 4KB, 3 = 64KB",
        "29:28 SH1 Shareability, TTBR1 walks", "27:26 ORGN1 Outer cacheability, TTBR1 walks",
        "25:24 IRGN1 Inner cacheability, TTBR1 walks", "23 EPD1 Disable TTBR1 walks", "22 A1 ASID from TTBR1",
        "21:16 T1SZ Size offset of the TTBR1 region: 2^(64-T1SZ) bytes", "15:14 TG0 TTBR0 granule: 0 = 4KB, 1 = 64KB, 2 = 16KB",
        "13:12 SH0 Shareability, TTBR0 walks", "11:10 ORGN0 Outer cacheability, TTBR0 walks",
        "9:8 IRGN0 Inner cacheability, TTBR0 walks", "7 EPD0 Disable TTBR0 walks", "6 RES0",
        "5:0 T0SZ Size offset of the TTBR0 region: 2^(64-T0SZ) bytes"};

    /** TCR_EL2 when HCR_EL2.E2H is 0 (with E2H = 1 it has the TCR_EL1 layout). */
    static final String[] TCR_EL2 = {
        "63:34 RES0", "33 MTX Extended memory tag checking", "32 DS 52-bit output (FEAT_LPA2)", "31 RES1_31 RES1 when HCR_EL2.E2H is 0",
        "30 TCMA Unchecked accesses", "29 TBID TBI for data only", "28 HWU62", "27 HWU61", "26 HWU60", "25 HWU59",
        "24 HPD Hierarchical permission disable", "23 RES1_23 RES1 when HCR_EL2.E2H is 0", "22 HD Hardware dirty state update",
        "21 HA Hardware Access flag update", "20 TBI Top Byte Ignored", "19 RES0",
        "18:16 PS Physical address size", "15:14 TG0 Granule: 0 = 4KB, 1 = 64KB, 2 = 16KB", "13:12 SH0 Shareability",
        "11:10 ORGN0 Outer cacheability", "9:8 IRGN0 Inner cacheability", "7:6 RES0", "5:0 T0SZ Size offset: 2^(64-T0SZ) bytes"};

    static final String[] TCR_EL3 = TCR_EL2;

    static final String[] VTCR_EL2 = {
        "63:46 RES0", "45 HDBSS Hardware dirty state tracking (FEAT_HDBSS)", "44 HAFT Hardware managed Access flag for tables",
        "43:42 RES0", "41 TL0 Stage 2 TopLevel0 permission attribute", "40 GCSH Guarded Control Stack hardware",
        "39 RES0", "38 D128 128-bit descriptors (FEAT_D128)", "37 S2POE Stage 2 permission overlay", "36 S2PIE Stage 2 permission indirection",
        "35 TL1 TopLevel1", "34 AssuredOnly", "33 SL2 Starting level 2 (FEAT_LPA2)", "32 DS 52-bit output (FEAT_LPA2)",
        "31 RES1", "30 NSA Non-secure stage 2 output address space", "29 NSW Non-secure stage 2 table walks",
        "28 HWU62", "27 HWU61", "26 HWU60", "25 HWU59", "24:23 RES0", "22 HD Hardware dirty state update",
        "21 HA Hardware Access flag update", "20 RES0", "19 VS VMID size: 1 = 16 bit (FEAT_VMID16)",
        "18:16 PS Physical address size of stage 2 output", "15:14 TG0 Granule: 0 = 4KB, 1 = 64KB, 2 = 16KB",
        "13:12 SH0 Shareability", "11:10 ORGN0 Outer cacheability", "9:8 IRGN0 Inner cacheability",
        "7:6 SL0 Starting level of the stage 2 walk", "5:0 T0SZ Size offset of the IPA region: 2^(64-T0SZ) bytes"};
}
