package io.el2studio.engine.tests.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.el2studio.engine.sim.AddressSpaces;
import io.el2studio.engine.sim.AddressSpaces.Address;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.tests.support.EngineGuests;
import io.el2studio.engine.tests.support.SimFixture;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.loader.ElfImage;

/** The binding over the simulator: registers, memory per address space, system registers. */
class SimTargetTest {
    @Test
    void prefixesParseAndBadOnesSayWhy() {
        assertEquals(new Address(new AddressSpaces.OfEl(2), 0x4000), AddressSpaces.parse("EL2:0x4000"));
        assertEquals(new Address(new AddressSpaces.Vm(3), 0x40001000L), AddressSpaces.parse("vm3:0x40001000"));
        assertEquals(new Address(new AddressSpaces.Ipa(1), 4096), AddressSpaces.parse("IPA1:4096"));
        assertEquals(new Address(new AddressSpaces.Physical(), 0x9000000), AddressSpaces.parse("NP:0x9000000"));
        assertEquals(new Address(new AddressSpaces.Current(), 0x10), AddressSpaces.parse("0x10"));
        assertEquals(new AddressSpaces.GuestEl1(), AddressSpaces.split("EL1N: &the_vm").space());
        assertEquals("&the_vm", AddressSpaces.split("EL1N: &the_vm").rest());
        // Not prefixes: C's ternary and gdb's FILE::VARIABLE scope.
        assertEquals(new AddressSpaces.Current(), AddressSpaces.split("x ? a : b").space());
        assertEquals(new AddressSpaces.Current(), AddressSpaces.split("types::counter").space());
        assertMessage("unknown address space 'EL4:' (known: EL3:, EL2:, EL1N:, VM<n>:, IPA<n>:, NP:)", "EL4:0x0");
        assertMessage("address space 'VM:' needs a VMID: VM<n>:, e.g. VM1:", "VM:0x0");
        assertMessage("address space 'IPA70000:': VMID 70000 is out of range (0..65535)", "IPA70000:0");
        assertMessage("'zz' is not an address (hex with 0x, or decimal)", "NP:zz");
        assertMessage("no address after 'EL2:'", "EL2:");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressSpaces.parse("EL1:0")).getMessage()
                .contains("ambiguous"));
    }

    private static void assertMessage(String expected, String text) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> AddressSpaces.parse(text)).getMessage());
    }

    @Test
    void registersMemoryAndSysregsOfAStoppedGuest() throws Exception {
        Path elf = EngineGuests.build("types", "-O0");
        ElfImage image = ElfImage.read(elf);
        long main = image.symbol("main").orElseThrow().value();
        long theVm = image.symbol("the_vm").orElseThrow().value();
        try (SimFixture f = SimFixture.boot(elf, 1)) {
            SimTarget t = new SimTarget(f.simulation(), 0);
            assertEquals(image.entry(), t.registers().pc());
            assertEquals(1, t.el());
            assertEquals(-1, t.vmid());
            Breakpoint b = Breakpoint.va(main);
            f.simulation().addBreakpoint(b);
            long token = f.simulation().run();
            f.simulation().awaitStopAfter(token, 30, TimeUnit.SECONDS);
            f.simulation().removeBreakpoint(b);
            RegisterSet r = t.registers();
            assertEquals(main, r.pc());
            assertTrue(r.isKnown(DwarfRegs.V0 + 31) && r.isKnown(DwarfRegs.LR));
            assertTrue(t.sysreg("MIDR_EL1") != 0, "MIDR_EL1 by name");
            assertEquals(t.sysreg("SCTLR_EL1") & 1, 0L, "MMU off in the test programs");
            // the_vm.vmid = 7 (types.c); MMU off, so the current regime, EL1N: and NP: agree.
            byte[] data = image.bytesAt(theVm, 4).orElseThrow();
            assertArrayEquals(data, t.memory().read(theVm, 4));
            assertEquals(7, t.memory().readLong(theVm, 4));
            assertArrayEquals(data, t.memory(new AddressSpaces.Physical()).read(theVm, 4));
            assertArrayEquals(data, t.memory(new AddressSpaces.GuestEl1()).read(theVm, 4));
            MemoryException outside = assertThrows(MemoryException.class, () -> t.memory().read(0x10, 4));
            assertEquals(0x10, outside.address());
            assertTrue(outside.getMessage().contains("not RAM"), outside.getMessage());
            MemoryException vm = assertThrows(MemoryException.class, () -> t.memory(new AddressSpaces.Vm(1)).read(theVm, 4));
            assertTrue(vm.getMessage().contains("VMID 1 has not run"), vm.getMessage());
            t.memory().write(theVm, new byte[] {9, 0, 0, 0});
            assertEquals(9, t.memory(new AddressSpaces.Physical()).readLong(theVm, 4));
            assertThrows(IllegalArgumentException.class, () -> t.sysreg("NO_SUCH_EL2"));
        }
    }
}
