package io.el2studio.sim.tests.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.el2studio.sim.board.DeviceTree;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.board.VirtDtb;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.tests.support.GuestBuild;

/**
 * The generated device tree, decoded by dtc, against the one QEMU 7.2 generates for
 * {@code -M virt,gic-version=3 -smp 2 -m 256M} (shared/reference/qemu-virt/*.dts, at EL2 and EL1):
 * every node and property we generate has QEMU's value, except the differences VirtDtb documents.
 */
class DeviceTreeTest {
    /** Properties whose values differ on purpose (see VirtDtb): path + " " + property. */
    static final Set<String> DIFFERENT = Set.of("/timer interrupts", "/chosen rng-seed");
    /** What QEMU has and we do not: unmodelled devices, random seeds. */
    static final Set<String> QEMU_ONLY = Set.of("/platform-bus@c000000", "/fw-cfg@9020000", "/gpio-keys",
            "/gpio-keys/poweroff", "/pl061@9030000", "/pcie@10000000", "/pl031@9010000", "/pmu", "/flash@0",
            "/intc@8000000/its@8080000", "/chosen kaslr-seed");

    static Path dtc(byte[] blob) throws Exception {
        Path dir = GuestBuild.outDir();
        Path dtb = Files.createTempFile(dir, "virt", ".dtb");
        Files.write(dtb, blob);
        return dtb;
    }

    /** Path -> (property -> value text) from dts source as dtc prints it. */
    static Map<String, Map<String, String>> nodes(String dts) {
        Map<String, Map<String, String>> m = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        for (String raw : dts.split("\n")) {
            String l = raw.trim();
            if (l.endsWith("{")) {
                String name = l.substring(0, l.length() - 1).trim();
                stack.add(name.equals("/") ? "" : name);
                m.put(path(stack), new TreeMap<>());
            } else if (l.equals("};")) {
                stack.remove(stack.size() - 1);
            } else if (l.endsWith(";") && !stack.isEmpty()) {
                String p = l.substring(0, l.length() - 1);
                int eq = p.indexOf(" = ");
                m.get(path(stack)).put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 3));
            }
        }
        return m;
    }

    static String path(List<String> stack) {
        String p = String.join("/", stack);
        return p.isEmpty() ? "/" : p;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 1})
    void generatedTreeDecodedByDtcMatchesQemusForTheModelledDevices(int el) throws Exception {
        GuestBuild.assumeTool("dtc");
        VirtBoard.Config c = new VirtBoard.Config(CpuProfile.max(), 2, 256L << 20, el);
        Path dtb = dtc(VirtDtb.build(c, null).toBlob(0));
        GuestBuild.Output o = GuestBuild.run(List.of("dtc", "-I", "dtb", "-O", "dts", dtb.toString()), 30);
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.err().trim(), "dtc warnings");
        Map<String, Map<String, String>> ours = nodes(o.out());
        Path ref = Path.of(System.getProperty("el2studio.shared"), "reference/qemu-virt/qemu72-virt-gicv3-smp2-el" + el + ".dts");
        Map<String, Map<String, String>> qemu = nodes(Files.readString(ref));

        Set<String> missing = new TreeSet<>();
        for (var n : qemu.entrySet()) {
            if (!ours.containsKey(n.getKey())) {
                missing.add(n.getKey());
                continue;
            }
            for (var p : n.getValue().entrySet()) {
                String key = n.getKey() + " " + p.getKey();
                String mine = ours.get(n.getKey()).get(p.getKey());
                if (mine == null) {
                    missing.add(key);
                } else if (!DIFFERENT.contains(key)) {
                    assertEquals(p.getValue(), mine, key);
                }
            }
        }
        missing.removeIf(k -> k.startsWith("/gpio-keys/"));
        assertEquals(32, missing.stream().filter(k -> k.startsWith("/virtio_mmio@")).count(), "QEMU's 32 virtio-mmio slots");
        missing.removeIf(k -> k.startsWith("/virtio_mmio@"));
        Set<String> expectedMissing = new TreeSet<>(QEMU_ONLY);
        expectedMissing.removeIf(k -> k.startsWith("/gpio-keys/"));
        assertEquals(expectedMissing, missing, "what QEMU has and we do not");
        for (var n : ours.entrySet()) {
            assertTrue(qemu.containsKey(n.getKey()), "node not in QEMU's tree: " + n.getKey());
            for (String p : n.getValue().keySet()) {
                assertTrue(qemu.get(n.getKey()).containsKey(p), "property not in QEMU's tree: " + n.getKey() + " " + p);
            }
        }
        assertEquals("<0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x0b 0x04 0x01 0x0a 0x04 0x01 0x0c 0x04>",
                ours.get("/timer").get("interrupts"), "QEMU 7.2's four timer PPIs, then the EL2 virtual timer (FEAT_VHE)");
    }

    @Test
    void blobParsesBackToTheSameTree() {
        VirtBoard.Config c = new VirtBoard.Config(CpuProfile.max(), 4, 128L << 20, 2);
        DeviceTree t = VirtDtb.build(c, "console=ttyAMA0 earlycon");
        byte[] blob = t.toBlob(0);
        DeviceTree back = DeviceTree.parse(blob);
        assertArrayEquals(blob, back.toBlob(0));
        assertEquals("console=ttyAMA0 earlycon\0", new String(back.node("/chosen").prop("bootargs")));
        assertEquals(4, back.node("/cpus").children().stream().filter(n -> n.name.startsWith("cpu@")).count());
    }

    @Test
    void fixupAddsBootargsAndInitrdToAUserTree() {
        DeviceTree t = new DeviceTree();
        t.root.cells("#address-cells", 2);
        VirtDtb.fixupChosen(t, "root=/dev/ram", 0x4800_0000L, 0x4810_0000L);
        DeviceTree back = DeviceTree.parse(t.toBlob(0));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0x48, 0, 0, 0}, back.node("/chosen").prop("linux,initrd-start"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0x48, 0x10, 0, 0}, back.node("/chosen").prop("linux,initrd-end"));
    }
}
