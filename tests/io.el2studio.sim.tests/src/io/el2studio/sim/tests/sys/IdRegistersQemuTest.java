package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * Every register of the feature ID space (op0 = 3, op1 = 0, CRn = 0, CRm = 0..7, and CCSIDR_EL1,
 * CLIDR_EL1, CCSIDR2_EL1, GMID_EL1, AIDR_EL1, CTR_EL0, DCZID_EL0) printed by tests/guests/sys/idregs.{S,c}
 * as read at EL2, then checked equal when read at EL1, and a few read at EL0 (FEAT_IDST: EC 0x18 on max,
 * EC 0x00 on cortex-a57), on the virt board with each CPU profile and on qemu-system-aarch64 7.2 with the
 * matching CPU ({@code max,pauth=off}, {@code cortex-a57}). The transcripts must be equal except for the
 * register fields of {@link #DEVIATIONS}, each with its reason: mostly features QEMU's CPU has and the
 * simulator does not implement, which must read as absent (AdvertisedFeaturesTest checks that every
 * advertised feature executes and every absent one is UNDEFINED).
 */
class IdRegistersQemuTest {
    /**
     * A field of an ID register where QEMU 7.2 and the simulator differ: profile, register (the guest's
     * line label), bits hi:lo, QEMU's value (-1: any value), ours, and why. Every entry must match a real
     * difference (so that a QEMU or a simulator that changes is noticed).
     */
    record FieldDeviation(String profile, String register, int hi, int lo, long qemu, long ours, String rule) {
    }

    static final String BOTH = "*";
    private static final String AARCH32 = "AArch32 is not implemented at any EL: the AArch32 ID registers read as zero"
            + " (Arm ARM D19.2: their values are UNKNOWN without AArch32); QEMU gives its AArch32 features";
    private static final String NO_SVE = "FEAT_SVE/SVE2 are not implemented (QEMU max has them)";
    private static final String NO_SME = "FEAT_SME is not implemented (QEMU max has it)";
    private static final String NO_LPA = "FEAT_LPA/LPA2 (52-bit PA, 52-bit addresses with 4KB/16KB granules) are not implemented";

    static final List<FieldDeviation> DEVIATIONS = new ArrayList<>();

    static void dev(String profile, String reg, int hi, int lo, long qemu, long ours, String rule) {
        DEVIATIONS.add(new FieldDeviation(profile, reg, hi, lo, qemu, ours, rule));
    }

    static {
        for (String r : List.of("ID_PFR0_EL1", "ID_PFR1_EL1", "ID_DFR0_EL1", "ID_MMFR0_EL1", "ID_MMFR1_EL1", "ID_MMFR2_EL1",
                "ID_MMFR3_EL1", "ID_ISAR0_EL1", "ID_ISAR1_EL1", "ID_ISAR2_EL1", "ID_ISAR3_EL1", "ID_ISAR4_EL1", "ID_ISAR5_EL1",
                "MVFR0_EL1", "MVFR1_EL1", "MVFR2_EL1")) {
            dev(BOTH, r, 63, 0, -1, 0, AARCH32);
        }
        for (String r : List.of("ID_MMFR4_EL1", "ID_ISAR6_EL1", "ID_PFR2_EL1", "ID_MMFR5_EL1")) {
            dev("max", r, 63, 0, -1, 0, AARCH32);
        }
        for (int lo = 0; lo <= 8; lo += 4) {
            dev(BOTH, "ID_AA64PFR0_EL1", lo + 3, lo, 2, 1, "EL" + lo / 4 + ": AArch64 only (" + AARCH32 + ")");
        }
        dev(BOTH, "ID_AA64PFR0_EL1", 15, 12, 0, 1, "EL3 is implemented (the virt board boots at EL3 with --el 3);"
                + " QEMU's virt without secure=on removes EL3");
        dev("max", "ID_AA64PFR0_EL1", 31, 28, 2, 0, "FEAT_RAS/RASv1p1 are not implemented");
        dev("max", "ID_AA64PFR0_EL1", 35, 32, 1, 0, NO_SVE);
        dev("max", "ID_AA64PFR0_EL1", 39, 36, 1, 0, "FEAT_SEL2 is not implemented (no Secure EL2)");
        dev("max", "ID_AA64PFR0_EL1", 51, 48, 1, 0, "FEAT_DIT is not implemented (no PSTATE.DIT)");
        dev("max", "ID_AA64PFR0_EL1", 59, 56, 2, 1, "FEAT_CSV2 without CSV2_2: no SCXTNUM_ELx registers");
        dev("max", "ID_AA64PFR1_EL1", 3, 0, 1, 0, "FEAT_BTI is not implemented (BTI is a NOP, no guarded pages)");
        dev("max", "ID_AA64PFR1_EL1", 7, 4, 2, 0, "FEAT_SSBS/SSBS2 are not implemented (no PSTATE.SSBS)");
        dev("max", "ID_AA64PFR1_EL1", 27, 24, 1, 0, NO_SME);
        dev("max", "ID_AA64ZFR0_EL1", 63, 0, 0x0110110100110021L, 0, NO_SVE);
        dev("max", "ID_AA64SMFR0_EL1", 63, 0, 0x80f100fd00000000L, 0, NO_SME);
        dev("max", "ID_AA64DFR0_EL1", 3, 0, 9, 6, "Armv8.0 debug architecture only (self-hosted debug is storage only)");
        dev("max", "ID_AA64DFR0_EL1", 11, 8, 6, 0, "no PMU is modelled (QEMU max: PMUv3 for Armv8.5)");
        dev("cortex-a57", "ID_AA64DFR0_EL1", 11, 8, 1, 0, "no PMU is modelled (QEMU cortex-a57: PMUv3)");
        dev("max", "ID_AA64ISAR0_EL1", 55, 52, 2, 1, "FEAT_FlagM2 (AXFLAG, XAFLAG) is not implemented");
        dev("max", "ID_AA64ISAR0_EL1", 59, 56, 2, 0, "FEAT_TLBIOS and FEAT_TLBIRANGE are not implemented");
        dev("max", "ID_AA64ISAR0_EL1", 63, 60, 1, 0, "FEAT_RNG (RNDR, RNDRRS) is not implemented");
        dev("max", "ID_AA64ISAR1_EL1", 3, 0, 2, 0, "FEAT_DPB/DPB2 (DC CVAP, DC CVADP) are not implemented");
        dev("max", "ID_AA64ISAR1_EL1", 23, 20, 2, 1, "FEAT_LRCPC2 (LDAPUR, STLUR) is not implemented");
        dev("max", "ID_AA64ISAR1_EL1", 39, 36, 1, 0, "FEAT_SB is not implemented");
        dev("max", "ID_AA64ISAR1_EL1", 43, 40, 1, 0, "FEAT_SPECRES (CFP, DVP, CPP RCTX) is not implemented");
        dev("max", "ID_AA64ISAR1_EL1", 51, 48, 1, 0, "FEAT_DGH is not implemented");
        dev("max", "ID_AA64MMFR0_EL1", 3, 0, 6, 5, NO_LPA + ": 48-bit PA");
        dev(BOTH, "ID_AA64MMFR0_EL1", 11, 8, 1, 0, "mixed-endian is not implemented (little-endian only)");
        dev(BOTH, "ID_AA64MMFR0_EL1", 15, 12, 1, 0, "no Secure state: no Secure/Non-secure memory distinction");
        dev("max", "ID_AA64MMFR0_EL1", 23, 20, 2, 1, NO_LPA + ": 16KB granule with 48-bit addresses");
        dev("cortex-a57", "ID_AA64MMFR0_EL1", 23, 20, 0, 1, "the 16KB granule is implemented by the walker for every"
                + " profile (a real Cortex-A57 lacks it): advertised because it works");
        dev("max", "ID_AA64MMFR0_EL1", 31, 28, 1, 0, NO_LPA + ": 4KB granule with 48-bit addresses");
        dev("max", "ID_AA64MMFR0_EL1", 43, 32, 0x323, 0, "TGran4_2/64_2/16_2 = 0: stage 2 granules as stage 1 (all"
                + " three, 48 bits); QEMU states them explicitly with 52-bit support");
        dev("max", "ID_AA64MMFR1_EL1", 3, 0, 2, 0, "FEAT_HAFDBS is not implemented (AF = 0 faults)");
        dev("max", "ID_AA64MMFR1_EL1", 15, 12, 1, 0, "FEAT_HPDS is not implemented");
        dev("max", "ID_AA64MMFR1_EL1", 19, 16, 1, 0, "FEAT_LOR is not implemented");
        dev("max", "ID_AA64MMFR1_EL1", 23, 20, 2, 1, "FEAT_PAN2 (AT S1E1RP/WP) is not implemented");
        dev("max", "ID_AA64MMFR1_EL1", 31, 28, 1, 0, "FEAT_XNX is not implemented");
        dev("max", "ID_AA64MMFR1_EL1", 39, 36, 1, 0, "FEAT_ETS is not advertised");
        dev("max", "ID_AA64MMFR1_EL1", 43, 40, 1, 0, "FEAT_HCX (HCRX_EL2) is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 3, 0, 1, 0, "FEAT_TTCNP is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 7, 4, 1, 0, "FEAT_UAO is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 15, 12, 1, 0, "FEAT_IESB is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 19, 16, 1, 0, "FEAT_LVA (52-bit VA) is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 31, 28, 1, 0, "FEAT_TTST is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 43, 40, 1, 0, "FEAT_S2FWB is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 51, 48, 1, 0, "FEAT_TTL is not implemented");
        dev("max", "ID_AA64MMFR2_EL1", 55, 52, 2, 0, "FEAT_BBM is not advertised");
        dev("max", "ID_AA64MMFR2_EL1", 63, 60, 1, 0, "FEAT_E0PD is not implemented");
        dev("max", "CLIDR_EL1", 29, 21, 0b000_010_000, 0b001_010_001, "both profiles model Cortex-A57's cache hierarchy (LoUU = 1,"
                + " LoC = 2, LoUIS = 1, as QEMU's cortex-a57); QEMU's max reports LoUU = LoUIS = 0");
    }

    static Path build() throws Exception {
        return UartTranscript.build("sys-idregs", List.of("sys/idregs.S", "sys/idregs.c"), "-march=armv8.4-a",
                "-mgeneral-regs-only");
    }

    static String onBoard(Path elf, CpuProfile profile) throws Exception {
        ByteArrayOutputStream uart = new ByteArrayOutputStream();
        VirtBoard board = new VirtBoard(new VirtBoard.Config(profile, 1, 128L << 20, 2), uart::write, s -> { });
        byte[] k = Files.readAllBytes(elf);
        BootLoader.load(board, new BootLoader.Images(elf.toString(), k, null, null, null, null, null, 0));
        long done = 0;
        while (done < 20_000_000 && board.shutdown() == null && board.anyOn()) {
            done += board.advance(100_000);
        }
        String out = uart.toString(StandardCharsets.UTF_8);
        assertNotNull(board.shutdown(), "the guest ends with SYSTEM_OFF; output so far:\n" + out);
        return out;
    }

    static String onQemu(Path elf, String cpu) throws Exception {
        GuestBuild.assumeTool(GuestBuild.QEMU);
        GuestBuild.Output q = GuestBuild.run(List.of(GuestBuild.QEMU, "-M", "virt,virtualization=on,gic-version=3", "-cpu", cpu,
                "-nographic", "-kernel", elf.toString()), 60);
        assertEquals(0, q.status(), "QEMU: " + q.err() + "\n" + q.out());
        return q.out().replace("\r\n", "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"max", "cortex-a57"})
    void idRegistersEqualQemuExceptForTheRecordedDeviations(String profile) throws Exception {
        Path elf = build();
        String ours = onBoard(elf, CpuProfile.named(profile));
        String qemu = onQemu(elf, profile.equals("max") ? "max,pauth=off" : profile);
        assertTrue(qemu.endsWith("done\n"), "QEMU transcript incomplete:\n" + qemu);
        assertTrue(!ours.contains("UNEXPECTED"), ours);
        assertEquals(architectural(profile, qemu), ours);
    }

    /** Every "NAME = 0xVALUE" line of a transcript, by NAME (for CCSIDR_EL1: with its CSSELR_EL1 prefix). */
    static Map<String, Long> values(String transcript) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : transcript.split("\n")) {
            Matcher x = VALUE.matcher(line);
            if (x.matches()) {
                m.put(x.group(1).trim(), Long.parseUnsignedLong(x.group(2), 16));
            }
        }
        return m;
    }

    static final Pattern VALUE = Pattern.compile("(.*?)\\s+= 0x([0-9a-f]+)");

    /**
     * QEMU's transcript with each recorded deviation of {@code profile} checked (QEMU's field has the
     * recorded value, or any with -1) and replaced by ours; a deviation that matches nothing fails.
     */
    static String architectural(String profile, String qemu) {
        Map<String, Long> q = values(qemu);
        Map<String, Long> fixed = new LinkedHashMap<>(q);
        for (FieldDeviation d : DEVIATIONS) {
            if (!d.profile().equals(BOTH) && !d.profile().equals(profile)) {
                continue;
            }
            Long v = fixed.get(d.register());
            assertNotNull(v, "no " + d.register() + " line in QEMU's transcript");
            long mask = d.hi() - d.lo() == 63 ? -1L : ((1L << (d.hi() - d.lo() + 1)) - 1) << d.lo();
            long field = (q.get(d.register()) & mask) >>> d.lo();
            if (d.qemu() != -1) {
                assertEquals(d.qemu(), field, () -> String.format("QEMU 7.2 no longer reports %s[%d:%d] = 0x%x (%s)",
                        d.register(), d.hi(), d.lo(), d.qemu(), d.rule()));
            } else {
                assertTrue(field != d.ours(), "recorded deviation with no difference: " + d);
            }
            fixed.put(d.register(), (v & ~mask) | (d.ours() << d.lo() & mask));
        }
        StringBuilder out = new StringBuilder();
        for (String line : qemu.split("\n")) {
            Matcher x = VALUE.matcher(line);
            if (x.matches()) {
                String prefix = line.substring(0, line.lastIndexOf("= 0x"));
                line = prefix + String.format("= 0x%016x", fixed.get(x.group(1).trim()));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
