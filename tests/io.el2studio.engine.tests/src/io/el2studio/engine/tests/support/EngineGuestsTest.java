package io.el2studio.engine.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.loader.ElfImage;

/** The shared builder of the engine's test programs: flags from the Makefile, one ELF per level. */
class EngineGuestsTest {
    @Test
    void flagsComeFromTheMakefileWithTheLevelSubstituted() {
        List<String> flags = EngineGuests.makefileFlags("-Og");
        assertEquals("-g", flags.get(0));
        assertEquals("-Og", flags.get(1));
        assertTrue(flags.contains("-ffreestanding") && flags.contains("link.ld"), flags.toString());
    }

    @Test
    void everyProgramBuildsAtEveryLevelOutsideTheSourceTree() throws Exception {
        List<Path> all = EngineGuests.all();
        assertEquals(15, all.size());
        for (Path elf : all) {
            assertTrue(Files.size(elf) > 0, elf.toString());
            assertTrue(!elf.startsWith(EngineGuests.sourceDir()), elf + " is inside the source tree");
            ElfImage image = ElfImage.read(elf);
            assertEquals(0x40000000L, image.entry() & ~0xfffL, elf + " entry");
        }
        assertSame(EngineGuests.build("types", "-O2"), EngineGuests.build("types", "-O2"));
    }

    @Test
    void unknownProgramOrLevelIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineGuests.build("nope", "-O0"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineGuests.build("types", "-O3"));
    }
}
