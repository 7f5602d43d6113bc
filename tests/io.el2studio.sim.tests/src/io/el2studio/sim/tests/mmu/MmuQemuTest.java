package io.el2studio.sim.tests.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageLoader;
import io.el2studio.sim.machine.BareMetalRun;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.machine.SemihostingConsole;
import io.el2studio.sim.tests.diff.GuestBuild;

/**
 * The MMU agrees with qemu-system-aarch64 7.2 (-M virt,virtualization=on -cpu max): the guest
 * tests/guests/mmu boots at EL2 and prints, for each probe, the value read or the exception taken
 * (EL, ESR, FAR, HPFAR_EL2): 4KB 4-level and 64KB walks, TTBR0/TTBR1, translation, access flag,
 * permission, address size and alignment faults, PAN and LDTR/STTR, AT into PAR_EL1, a stale
 * translation used until its TLBI, stage 2 faults with the ISV syndrome and HPFAR_EL2, a stage 2
 * fault on the stage 1 walk, and the EL2 and EL2&amp;0 regimes.
 *
 * <p>Where QEMU 7.2 departs from the Arm ARM, the simulator follows the architecture and the line
 * it must print instead is listed in {@link #QEMU_7_2_DEVIATIONS}, with the reason.
 */
class MmuQemuTest {
    /**
     * Probe label -> the line the simulator prints where QEMU 7.2 does not follow the architecture.
     * <ul>
     * <li>"ld  Device unaligned": an unaligned access to Device memory is an Alignment fault (Arm ARM
     * "Alignment of data accesses" in chapter B2; DFSC 0b100001); QEMU 7.2 completes it.
     * <li>"dc civac invalid page": data cache maintenance by VA is translated and a Translation fault
     * is a Data Abort with CM = 1 and WnR = 1 (Arm ARM "Data cache maintenance instructions" in chapter D7, ESR_ELx
     * CM); QEMU 7.2 does not translate DC CIVAC.
     * <li>"at s1e1r Device": PAR_EL1.SH reads 0b10 for Device memory (Arm ARM D19.2 PAR_EL1: SH is
     * Outer Shareable for Device and Normal Non-cacheable memory); QEMU 7.2 returns the descriptor's SH.
     * <li>"s1+s2 ... S1PTW": a stage 2 fault on the stage 1 walk reports the level of the stage 2
     * walk where it happened (level 3 here); QEMU 7.2 reports level 0.
     * <li>"vhe ..." and "el2 ...": ESR_EL2.ISV is 1 only for stage 2 aborts (Arm ARM D17.2.37 ISV);
     * QEMU 7.2 also sets it for stage 1 aborts taken to EL2 (fixed in later QEMU).
     * </ul>
     */
    static final Map<String, String> QEMU_7_2_DEVIATIONS = Map.ofEntries(
            Map.entry("ld  Device unaligned",
                    "ld  Device unaligned       = 0xdead  EL1 ESR=0x96000021 FAR=0x80007001 HPFAR=0x0"),
            Map.entry("at s1e1r Device",
                    "at s1e1r Device            = 0x40022b00"),
            Map.entry("s1+s2 ld S1PTW fault",
                    "s1+s2 ld S1PTW fault       = 0xdead  EL2 ESR=0x92000087 FAR=0xffff000080000000 HPFAR=0x800020"),
            Map.entry("s1+s2 at s1e1r S1PTW",
                    "s1+s2 at s1e1r S1PTW       = 0x40025b00  EL2 ESR=0x920001c7 FAR=0xffff000080000000 HPFAR=0x800020"),
            Map.entry("vhe ld invalid",
                    "vhe ld invalid             = 0xdead  EL2 ESR=0x96000007 FAR=0x80003000 HPFAR=0x800020"),
            Map.entry("vhe st read-only",
                    "vhe st read-only           = 0x0  EL2 ESR=0x9600004f FAR=0x80001000 HPFAR=0x800020"),
            Map.entry("vhe ld TTBR1 EPD1",
                    "vhe ld TTBR1 EPD1          = 0xdead  EL2 ESR=0x96000004 FAR=0xffff000080000000 HPFAR=0x800020"),
            Map.entry("el2 st read-only",
                    "el2 st read-only           = 0x0  EL2 ESR=0x9600004f FAR=0x80001000 HPFAR=0x800020"),
            Map.entry("el2 ld AF=0",
                    "el2 ld AF=0                = 0xdead  EL2 ESR=0x9600000b FAR=0x80002000 HPFAR=0x800020"),
            Map.entry("dc civac invalid page",
                    "dc civac invalid page      = 0x0  EL1 ESR=0x96000147 FAR=0x80003000 HPFAR=0x0"));

    static Path build() throws Exception {
        return GuestBuild.build("mmu", List.of("mmu/harness.S", "mmu/mmu.c", "diff/lib.c"),
                List.of("-O2", "-march=armv8.1-a", "-T", GuestBuild.guests().resolve("diff/link.ld").toString()));
    }

    static String label(String line) {
        int eq = line.indexOf(" = ");
        return eq < 0 ? line : line.substring(0, eq).strip();
    }

    @Test
    void translationsFaultsAndMaintenanceMatchQemu() throws Exception {
        GuestBuild.assumeTool(GuestBuild.GCC);
        GuestBuild.assumeTool(GuestBuild.QEMU);
        Path elf = build();
        GuestBuild.Output qemu = GuestBuild.run(List.of(GuestBuild.QEMU, "-M", "virt,virtualization=on", "-cpu", "max",
                "-nographic", "-semihosting", "-monitor", "none", "-serial", "none", "-kernel", elf.toString()), 60);

        MiniMachine m = new MiniMachine(CpuProfile.max(), 0x4000_0000L, 128 << 20, 1);
        ImageLoader.Loaded loaded = ImageLoader.load(elf, m.bus);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        SemihostingConsole console = new SemihostingConsole(new ByteArrayInputStream(new byte[0]), out, err).consoleTo(err);
        BareMetalRun.Result r = new BareMetalRun(m, console).maxInstructions(50_000_000L).run(loaded.entry(), 2);

        List<String> q = qemu.out().lines().toList();
        assertTrue(q.size() > 50 && q.get(q.size() - 1).equals("done"), "QEMU output incomplete:\n" + qemu.out() + qemu.err());
        StringBuilder expected = new StringBuilder();
        for (String line : q) {
            expected.append(QEMU_7_2_DEVIATIONS.getOrDefault(label(line), line)).append('\n');
        }
        assertEquals(BareMetalRun.Outcome.EXITED, r.outcome(), r.message() + "\n" + out.toString(StandardCharsets.UTF_8));
        assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8));
    }
}
