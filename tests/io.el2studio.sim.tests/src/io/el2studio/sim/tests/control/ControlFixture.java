package io.el2studio.sim.tests.control;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.CpuProfile;

/** A virt board at EL2 with a hand-encoded program at the start of RAM, and its Simulation. */
final class ControlFixture implements AutoCloseable {
    static final long RAM = 0x4000_0000L;

    final VirtBoard board;
    final Simulation sim;
    final ByteArrayOutputStream uart = new ByteArrayOutputStream();

    ControlFixture(int smp, int... words) {
        board = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), smp, 64L << 20, 2), uart::write, s -> { });
        ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        board.bus.load(RAM, b.array(), 0, b.capacity());
        board.startPe(0, RAM, 0);
        sim = new Simulation(board);
    }

    @Override
    public void close() {
        sim.close();
    }
}
