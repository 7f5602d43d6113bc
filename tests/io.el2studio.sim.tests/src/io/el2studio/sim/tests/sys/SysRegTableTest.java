package io.el2studio.sim.tests.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/** Invariants of the system-register table that the register views and the GDB description rely on. */
class SysRegTableTest {
    @Test
    void everyEncodingAndNameAppearsOnce() {
        Set<Integer> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (SysReg r : SysRegTable.all()) {
            assertTrue(keys.add(r.key()), "duplicate encoding " + r);
            assertTrue(names.add(r.name), "duplicate name " + r);
            assertEquals(r, SysRegTable.byKey(r.key()));
        }
    }

    @Test
    void everyRegisterObjdumpNamesIsInTheTableUnderThatName() throws Exception {
        for (String line : Files.readAllLines(SystemDisasmTest.ref("a64-mrs-named-sysregs-objdump.tsv"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] t = line.split("\t");
            String[] e = t[1].split(" ");
            SysReg r = SysRegTable.byEncoding(Integer.parseInt(e[0]), Integer.parseInt(e[1]), Integer.parseInt(e[2]),
                    Integer.parseInt(e[3]), Integer.parseInt(e[4]));
            assertNotNull(r, line);
            String name = t[2].substring(t[2].indexOf(", ") + 2);
            assertEquals(name, r.disasmName(true), line);
        }
    }

    /** Fields are inside bits 63..0 and do not overlap, except the documented two-layout registers. */
    @Test
    void fieldsAreDisjointAndInRange() {
        List<String> bad = new ArrayList<>();
        Set<String> twoLayouts = Set.of("CPTR_EL2", "CNTHCTL_EL2");
        for (SysReg r : SysRegTable.all()) {
            long seen = 0;
            for (SysReg.Field f : r.fields()) {
                if (f.msb() > 63 || f.lsb() < 0 || f.msb() < f.lsb()) {
                    bad.add(r.name + "." + f.name() + " out of range");
                }
                if ((seen & f.mask()) != 0 && !twoLayouts.contains(r.name)) {
                    bad.add(r.name + "." + f.name() + " overlaps");
                }
                seen |= f.mask();
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    /** The registers a hypervisor engineer reads field by field name every one of their 64 bits. */
    @Test
    void keyRegistersNameEveryBit() {
        for (String n : List.of("HCR_EL2", "SCR_EL3", "SCTLR_EL1", "SCTLR_EL2", "ESR_EL1", "ESR_EL2", "SPSR_EL2",
                "TCR_EL1", "TCR_EL2", "VTCR_EL2", "MDCR_EL2", "ID_AA64PFR0_EL1", "ID_AA64ISAR0_EL1", "ID_AA64MMFR1_EL1",
                "MPIDR_EL1", "ICH_HCR_EL2", "ICH_VTR_EL2", "ICH_LR0_EL2", "ICH_LR15_EL2")) {
            SysReg r = SysRegTable.byName(n);
            assertNotNull(r, n);
            long covered = 0;
            for (SysReg.Field f : r.fields()) {
                covered |= f.mask();
            }
            assertEquals(-1L, covered, n + " has unnamed bits: 0x" + Long.toHexString(~covered));
        }
    }
}
