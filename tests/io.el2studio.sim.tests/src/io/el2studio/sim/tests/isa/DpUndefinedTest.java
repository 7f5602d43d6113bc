package io.el2studio.sim.tests.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.isa.A64Table;
import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.EncodingGenerator;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.machine.MiniMachine;

/**
 * Integer data-processing encodings of extensions the profile lacks (PAuth, MTE, CSSC, and FLAGM while the profile lacks it: the
 * disassembler knows them) and reserved field values are UNDEFINED: executing one takes an
 * Undefined Instruction exception (ESR_ELx.EC = 0) and changes no register.
 */
class DpUndefinedTest {
    private static final long RAM = 0x4000_0000L;

    private static GuestFault executeOnce(MiniMachine m, int w) {
        Cpu c = m.cpu(0);
        GuestFault[] seen = new GuestFault[1];
        c.faultHook = (cpu, f) -> {
            seen[0] = f;
            return true;
        };
        m.load(RAM, new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)});
        for (int n = 0; n < 31; n++) {
            c.x[n] = 0x1111_0000L * (n + 1);
        }
        c.nzcv = 0x6000_0000;
        c.pc = RAM;
        c.step();
        for (int n = 0; n < 31; n++) {
            assertEquals(0x1111_0000L * (n + 1), c.x[n], String.format("x%d changed by %08x", n, w));
        }
        assertEquals(0x6000_0000, c.nzcv, String.format("nzcv changed by %08x", w));
        return seen[0];
    }

    @Test
    void extensionRowsOutsideTheProfileAreUndefined() {
        CpuProfile max = CpuProfile.max();
        Decoder d = new Decoder(max.features());
        MiniMachine m = new MiniMachine(max, RAM, 1 << 20, 1);
        Random rnd = new Random(3);
        List<String> rows = new ArrayList<>();
        for (Row r : A64Table.rows()) {
            boolean dp = ((r.mask() >>> 25) & 0xF) == 0xF && DpDisasmCorpusTest.inDpGroups(r.value());
            if (!dp || r.feature() == null || max.has(r.feature())) {
                continue;
            }
            rows.add(r.name());
            for (int w : EncodingGenerator.generate(r, rnd, 20)) {
                assertNull(d.decode(w), () -> r.name() + " decodes on the max profile");
                GuestFault f = executeOnce(m, w);
                assertTrue(f != null && f.ec == GuestFault.EC_UNKNOWN, () -> r.name() + ": no UNDEFINED exception");
            }
        }
        assertTrue(rows.contains("PACGA") && rows.contains("ADDG"), "rows checked: " + rows);
    }

    /** Reserved values: sf = 0 with N = 1 or imms<5> = 1, shift = 11, imm3 > 4, opc = 01 of move wide. */
    @Test
    void reservedFieldValuesAreUndefined() {
        MiniMachine m = new MiniMachine(CpuProfile.max(), RAM, 1 << 20, 1);
        // Each is ".inst 0x... ; undefined" to objdump 2.40 as well.
        int[] words = {
            0x12400000, // logical immediate, sf = 0 with N = 1
            0x9240FC00, // logical immediate with an all-ones element (N = 1, imms = 111111)
            0x13008000, // SBFM, sf = 0 with imms<5> = 1
            0x0BC00000, // ADD (shifted register), shift = 11
            0x0B201400, // ADD (extended register), imm3 = 5
            0x12E00000, // MOVN, sf = 0 with hw = 11
            0x32800000, // move wide, opc = 01
            0x13808000, // EXTR, sf = 0 with imms<5> = 1
            0x1AC04C00, // CRC32X with sf = 0
            0x5AC00C00, // REV (64-bit opcode 000011) with sf = 0
        };
        for (int w : words) {
            GuestFault f = executeOnce(m, w);
            assertTrue(f != null && f.ec == GuestFault.EC_UNKNOWN, () -> String.format("%08x executed", w));
        }
    }
}
