package io.el2studio.sim.tests.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.el2studio.sim.uart.Pl011;

/**
 * The PL011 model: registers as a guest reads them (compared with qemu-system-aarch64 running the
 * same guest, tests/guests/board/uart-regs.S), and the receive FIFO and interrupt logic of the PL011
 * TRM (DDI 0183G, 3.3 and 3.4), which QEMU's model does not follow for the receive timeout.
 */
class Pl011Test {
    @Test
    void registersReadByAGuestMatchQemu() throws Exception {
        Path elf = BoardFixture.guest("uart-regs", "uart-regs.S", "lib.S");
        BoardFixture f = new BoardFixture(1, 2);
        f.boot(elf);
        f.runToEnd(10_000_000);
        assertEquals(BoardFixture.qemuTranscript(elf, 1), f.output());
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Boolean> levels = new ArrayList<>();

    private Pl011 uart() {
        Pl011 u = new Pl011(out::write);
        u.connect(levels::add);
        return u;
    }

    @Test
    void writesToDrReachTheOutputAndRaiseTxris() {
        Pl011 u = uart();
        u.write(Pl011.DR, 4, 'A');
        u.write(Pl011.DR, 1, 0x142); // only the low 8 bits are data
        assertEquals("AB", out.toString());
        assertEquals(Pl011.INT_TX, u.read(Pl011.RIS, 4));
        assertEquals(0, u.read(Pl011.MIS, 4), "masked while IMSC.TXIM is 0");
        assertFalse(u.irqLevel());
    }

    @Test
    void receivedCharacterIsReadFromDrAndClearsRxfe() {
        Pl011 u = uart();
        assertEquals(Pl011.FR_RXFE | Pl011.FR_TXFE, u.read(Pl011.FR, 4));
        u.receive('x');
        assertEquals(Pl011.FR_TXFE | Pl011.FR_RXFF, u.read(Pl011.FR, 4), "FIFO disabled: one character fills it");
        assertEquals('x', u.read(Pl011.DR, 4));
        assertEquals(Pl011.FR_RXFE | Pl011.FR_TXFE, u.read(Pl011.FR, 4));
    }

    @Test
    void rxInterruptFollowsTheMaskAndTheFifoLevel() {
        Pl011 u = uart();
        u.write(Pl011.IMSC, 4, Pl011.INT_RX | Pl011.INT_RT);
        u.receive('a');
        assertTrue(u.irqLevel(), "FIFO disabled: trigger level 1 character");
        assertEquals(Pl011.INT_RX, u.read(Pl011.MIS, 4));
        assertEquals(List.of(false, true), levels);
        u.read(Pl011.DR, 4);
        assertFalse(u.irqLevel(), "reading the character drops RXRIS");
        assertEquals(List.of(false, true, false), levels);
    }

    @Test
    void withFifoEnabledRxrisWaitsForTheTriggerLevelAndRtrisCoversFewerCharacters() {
        Pl011 u = uart();
        u.write(Pl011.LCR_H, 4, 0x70); // FEN, 8 bits
        u.write(Pl011.IMSC, 4, Pl011.INT_RX | Pl011.INT_RT);
        u.receive('1');
        assertEquals(Pl011.INT_RT, u.read(Pl011.MIS, 4), "below the 1/2 trigger (8 characters): receive timeout");
        for (int i = 0; i < 7; i++) {
            u.receive('2' + i);
        }
        assertEquals(Pl011.INT_RX, u.read(Pl011.MIS, 4));
        assertEquals('1', u.read(Pl011.DR, 4));
        assertEquals(Pl011.INT_RT, u.read(Pl011.MIS, 4));
        u.write(Pl011.ICR, 4, Pl011.INT_RT);
        assertFalse(u.irqLevel());
        assertEquals(Pl011.FIFO_DEPTH - 7, u.rxSpace());
    }

    @Test
    void overrunOnAFullFifoSetsOeAndLosesTheCharacter() {
        Pl011 u = uart();
        u.receive('a');
        u.receive('b');
        assertEquals(Pl011.INT_OE, u.read(Pl011.RIS, 4) & Pl011.INT_OE);
        assertEquals(8, u.read(Pl011.RSR_ECR, 4), "RSR.OE");
        assertEquals('a', u.read(Pl011.DR, 4) & 0xFF);
        u.write(Pl011.RSR_ECR, 4, 0);
        assertEquals(0, u.read(Pl011.RSR_ECR, 4));
    }

    @Test
    void primeCellIdentificationIsThatOfAPl011() {
        Pl011 u = uart();
        int[] expected = {0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], u.read(0xFE0 + 4 * i, 4), "ID register at 0x" + Integer.toHexString(0xFE0 + 4 * i));
        }
    }
}
