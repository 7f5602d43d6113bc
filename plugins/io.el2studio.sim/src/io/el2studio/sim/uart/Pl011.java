package io.el2studio.sim.uart;

import java.util.function.IntConsumer;

import io.el2studio.sim.mem.Device;

/**
 * Arm PrimeCell UART (PL011), as in the PL011 Technical Reference Manual (DDI 0183G), 3.2
 * "Summary of registers": bytes out to a sink, bytes in through a receive FIFO, and the interrupt
 * line as an interface (UARTINTR, the OR of the masked interrupts).
 *
 * <p>Transmission is instantaneous: the transmit FIFO is always empty (FR.TXFE = 1, BUSY = 0), and
 * TXRIS is set by every write to DR, as QEMU 7.2 does, so a driver waiting for the TX interrupt
 * is woken. The receive FIFO is 16 entries deep when LCR_H.FEN is set and 1 deep otherwise;
 * RXRIS follows the trigger level of IFLS.RXIFLSEL, and the receive timeout (RTRIS), which on
 * silicon follows 32 idle bit periods, is raised as soon as characters wait below the trigger
 * level (time is virtual: the line is idle between two host inputs). Transmission happens even
 * when CR.UARTEN or CR.TXE is 0, as on QEMU (early consoles write without initialising the UART).
 */
public final class Pl011 implements Device {
    // Register offsets (TRM table 3-1).
    public static final int DR = 0x000, RSR_ECR = 0x004, FR = 0x018, ILPR = 0x020, IBRD = 0x024, FBRD = 0x028,
            LCR_H = 0x02C, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03C, MIS = 0x040, ICR = 0x044,
            DMACR = 0x048;

    // UARTFR bits (TRM 3.3.3).
    public static final int FR_CTS = 1, FR_BUSY = 1 << 3, FR_RXFE = 1 << 4, FR_TXFF = 1 << 5, FR_RXFF = 1 << 6,
            FR_TXFE = 1 << 7;
    // Interrupt bits shared by IMSC, RIS, MIS, ICR (TRM 3.3.10-3.3.14).
    public static final int INT_RX = 1 << 4, INT_TX = 1 << 5, INT_RT = 1 << 6, INT_OE = 1 << 10;
    private static final int INT_ALL = 0x7FF;
    /** LCR_H.FEN: FIFOs enabled. */
    private static final int LCR_FEN = 1 << 4;

    /** PeriphID0-3 and PCellID0-3 at 0xFE0..0xFFC: part 0x011, designer Arm (0x41), revision r1p5 (TRM 3.3.16-17). */
    private static final int[] ID = {0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};

    public static final int FIFO_DEPTH = 16;

    private final IntConsumer output;
    private IrqLine irq = IrqLine.NONE;
    private boolean irqLevel;

    private final int[] rxFifo = new int[FIFO_DEPTH];
    private int rxHead, rxCount;
    private int rsr;
    private int ibrd, fbrd, lcrH, ilpr, dmacr;
    private int cr = 0x300; // TXE and RXE set at reset
    private int ifls = 0x12; // both trigger levels at 1/2
    private int imsc, ris;
    private int lastRead;

    public Pl011(IntConsumer output) {
        this.output = output;
    }

    /** Wires the interrupt output (UARTINTR); the line is driven at once with the current level. */
    public void connect(IrqLine line) {
        this.irq = line == null ? IrqLine.NONE : line;
        irq.setLevel(irqLevel);
    }

    /** UARTINTR: the OR of the masked interrupt status. */
    public boolean irqLevel() {
        return irqLevel;
    }

    @Override
    public String name() {
        return "pl011";
    }

    // ---- receive side, fed by the board ----

    /** Depth of the receive FIFO in the current mode. */
    private int rxDepth() {
        return (lcrH & LCR_FEN) != 0 ? FIFO_DEPTH : 1;
    }

    /** Free entries in the receive FIFO (the board feeds input only while there is room). */
    public int rxSpace() {
        return rxDepth() - rxCount;
    }

    /** A character arrives on the serial line; on a full FIFO it is lost and the overrun error set. */
    public void receive(int b) {
        if (rxCount >= rxDepth()) {
            rsr |= 1 << 3; // OE
            ris |= INT_OE;
            update();
            return;
        }
        rxFifo[(rxHead + rxCount) % FIFO_DEPTH] = b & 0xFF;
        rxCount++;
        updateRx();
        update();
    }

    /** RXRIS at or above the trigger level; RTRIS for characters waiting below it. */
    private void updateRx() {
        if (rxCount == 0) {
            ris &= ~(INT_RX | INT_RT);
            return;
        }
        if (rxCount >= rxTrigger()) {
            ris |= INT_RX;
            ris &= ~INT_RT;
        } else {
            ris &= ~INT_RX;
            ris |= INT_RT;
        }
    }

    /** IFLS.RXIFLSEL: 1/8, 1/4, 1/2, 3/4, 7/8 of the FIFO; 1 character when the FIFO is disabled. */
    private int rxTrigger() {
        if ((lcrH & LCR_FEN) == 0) {
            return 1;
        }
        return switch ((ifls >>> 3) & 7) {
            case 0 -> 2;
            case 1 -> 4;
            case 2 -> 8;
            case 3 -> 12;
            default -> 14;
        };
    }

    private void update() {
        boolean level = (ris & imsc) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.setLevel(level);
        }
    }

    // ---- the register interface ----

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (off >= 0xFE0 && off < 0x1000) {
            return (off & 3) == 0 ? ID[(off - 0xFE0) >>> 2] : 0;
        }
        return switch (off) {
            case DR -> readDr();
            case RSR_ECR -> rsr;
            case FR -> flags();
            case ILPR -> ilpr;
            case IBRD -> ibrd;
            case FBRD -> fbrd;
            case LCR_H -> lcrH;
            case CR -> cr;
            case IFLS -> ifls;
            case IMSC -> imsc;
            case RIS -> ris;
            case MIS -> ris & imsc;
            case DMACR -> dmacr;
            default -> 0;
        };
    }

    private int readDr() {
        if (rxCount == 0) {
            return lastRead; // reading an empty FIFO returns the last character (UNPREDICTABLE on silicon)
        }
        int c = rxFifo[rxHead];
        rxHead = (rxHead + 1) % FIFO_DEPTH;
        rxCount--;
        lastRead = c | (rsr & 0xF) << 8;
        updateRx();
        update();
        return lastRead;
    }

    private int flags() {
        int f = FR_TXFE; // transmit FIFO always drained; no modem lines (CTS, DSR, DCD, RI read 0, as QEMU)
        if (rxCount == 0) {
            f |= FR_RXFE;
        }
        if (rxCount >= rxDepth()) {
            f |= FR_RXFF;
        }
        return f;
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) value;
        switch ((int) offset) {
            case DR -> {
                output.accept(v & 0xFF);
                ris |= INT_TX;
                update();
            }
            case RSR_ECR -> rsr = 0; // any write clears the error flags
            case ILPR -> ilpr = v & 0xFF;
            case IBRD -> ibrd = v & 0xFFFF;
            case FBRD -> fbrd = v & 0x3F;
            case LCR_H -> {
                if (((lcrH ^ v) & LCR_FEN) != 0) {
                    rxCount = 0; // changing FEN flushes the FIFOs
                    rxHead = 0;
                }
                lcrH = v & 0xFF;
                updateRx();
                update();
            }
            case CR -> cr = v & 0xFF87;
            case IFLS -> {
                ifls = v & 0x3F;
                updateRx();
                update();
            }
            case IMSC -> {
                imsc = v & INT_ALL;
                update();
            }
            case ICR -> {
                ris &= ~v;
                update();
            }
            case DMACR -> dmacr = v & 7;
            default -> {
                // read-only or unimplemented: ignored
            }
        }
    }
}
