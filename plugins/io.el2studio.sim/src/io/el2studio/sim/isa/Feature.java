package io.el2studio.sim.isa;

/**
 * Architectural features (FEAT_* in the Arm ARM) that gate encodings and are advertised in the
 * ID registers. A row that needs a feature the CPU profile lacks decodes as UNDEFINED.
 */
public enum Feature {
    FP, ADVSIMD, CRC32, AES, PMULL, SHA1, SHA256, SHA512, SHA3, SM3, SM4,
    FP16, FHM, RDM, DOTPROD, JSCVT, FCMA, FRINTTS, FLAGM, FLAGM2,
    LSE, LSE2, LRCPC, LRCPC2, ATOMICS_128,
    PAN, PAN2, UAO, VHE, VMID16, HPDS, LOR, TTCNXT, SB, SSBS, DIT, BTI, PAUTH, MTE,
    SEL2, NV, S2FWB, TTST, LPA, LVA, ECV, CSV2, CSV3, SPECRES, RAS, DPB, DPB2, BF16, I8MM,
    /** ID space trap handling (Armv8.4): EL0 reads of the feature ID space trap with EC 0x18 rather than UNDEFINED. */
    IDST,
    /** Common short sequence compression (Armv8.9): known to the disassembler only. */
    CSSC,
    /** Memory copy and set instructions CPY*, SET* (Armv8.8): known to the disassembler only. */
    MOPS,
    /** Single-copy atomic 64-byte loads and stores LD64B, ST64B* (Armv8.7): known to the disassembler only. */
    LS64
}
