package io.el2studio.sim.tests.sys;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.tests.sys.UartTranscript.Deviation;

/**
 * Exception generation, routing, traps and returns agree with qemu-system-aarch64 7.2 (-M
 * virt,virtualization=on,secure=on,gic-version=3 -cpu max) on the virt board booted at EL3: the guest
 * tests/guests/sys (dropping to EL2, EL1 and EL0) raises SVC/HVC/SMC/BRK/UDF/HLT, illegal exception
 * returns, every HCR_EL2 trap this profile implements (TSC, TWI, TWE, TID1, TID2, TID3, TIDCP, TACR,
 * TSW, TPCP, TPU, TTLB, TVM, TRVM, TDZ, TGE), CPTR_EL2 in both layouts, MDCR_EL2.TDE, SCR_EL3.HCE/SMD,
 * the EL0 enables, VHE redirection and the *_EL12/*_EL02 aliases, and prints on the PL011 the EL,
 * vector offset and exact ESR, ELR and SPSR each handler saw. The UART transcripts must be equal,
 * except for {@link #QEMU_7_2}.
 */
class ExceptionsQemuTest {
    /** Where QEMU 7.2 does not follow the Arm ARM; the simulator prints the architectural line. */
    static final List<Deviation> QEMU_7_2 = List.of(
            new Deviation("wfe with HCR_EL2.TWE         no exception",
                    "wfe with HCR_EL2.TWE         n=1 EL2 vec=0x400 ESR=0x07e00001 ELR=0x4000229c SPSR=0x800003c5 PAN=0",
                    "Arm ARM D19.2 HCR_EL2.TWE: a WFE at EL1 that would enter a low-power state (event register"
                            + " clear) is trapped to EL2 with EC 0x01, TI = 1; QEMU 7.2 ignores TWE (WFE only yields)"),
            new Deviation("mrs s3_0_c15_c0_0 with TIDCP n=1 EL1 vec=0x200 ESR=0x02000000 ELR=0x400022c0 SPSR=0x800003c5 PAN=0",
                    "mrs s3_0_c15_c0_0 with TIDCP n=1 EL2 vec=0x400 ESR=0x62303c61 ELR=0x400022c0 SPSR=0x800003c5 PAN=0",
                    "Arm ARM D19.2 HCR_EL2.TIDCP: EL1 accesses to the IMPLEMENTATION DEFINED encodings (op0 3, CRn"
                            + " 0b1x11) trap to EL2 with EC 0x18; QEMU 7.2 does not implement TIDCP (added in QEMU 8.0)"),
            new Deviation("msr s3_1_c11_c2_5 with TIDCP n=1 EL1 vec=0x200 ESR=0x02000000 ELR=0x400022c8 SPSR=0x800003c5 PAN=0",
                    "msr s3_1_c11_c2_5 with TIDCP n=1 EL2 vec=0x400 ESR=0x623a6c84 ELR=0x400022c8 SPSR=0x800003c5 PAN=0",
                    "the same rule, for an MSR to CRn 11"));

    static Path build() throws Exception {
        return UartTranscript.build("sys-exc-uart", List.of("sys/exc.S", "sys/exc.c"));
    }

    @Test
    void exceptionsTrapsAndReturnsPrintTheSameUartTranscriptAsQemu() throws Exception {
        Path elf = build();
        String ours = UartTranscript.onBoard(elf, 1, 3, 50_000_000L);
        String qemu = UartTranscript.onQemu(elf, "virt,virtualization=on,secure=on,gic-version=3", 1);
        org.junit.jupiter.api.Assertions.assertTrue(qemu.lines().count() > 60, "QEMU transcript too short:\n" + qemu);
        UartTranscript.assertSame(qemu, ours, QEMU_7_2);
    }
}
