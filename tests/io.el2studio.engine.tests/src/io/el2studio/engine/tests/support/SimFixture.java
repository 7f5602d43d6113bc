package io.el2studio.engine.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.el2studio.sim.board.BootLoader;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.loader.ImageException;
import io.el2studio.sim.machine.SemihostingConsole;

/**
 * An engine test program booted on the simulator's virt board as {@code ./el2studio run --el 1 ELF}
 * boots it (the same BootLoader; semihosting exit ends the run), stopped at its entry: the target
 * for tests of the binding and the stepper. Close it at the end.
 */
public final class SimFixture implements AutoCloseable {
    private final Simulation sim;
    private final ByteArrayOutputStream output;

    private SimFixture(Simulation sim, ByteArrayOutputStream output) {
        this.sim = sim;
        this.output = output;
    }

    /** {@code elf} on one PE with the max profile, 128 MiB of RAM, starting at {@code el}. */
    public static SimFixture boot(Path elf, int el) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VirtBoard board = new VirtBoard(new VirtBoard.Config(CpuProfile.max(), 1, 128L << 20, el), out::write, line -> { });
        try {
            byte[] kernel = Files.readAllBytes(elf);
            BootLoader.load(board, new BootLoader.Images(elf.toString(), kernel, null, null, null, null, null, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        SemihostingConsole console = new SemihostingConsole(InputStream.nullInputStream(), out, out).commandLine(elf.toString());
        board.setSemihosting(cpu -> {
            console.call(cpu);
            Integer code = console.exitCode();
            if (code != null) {
                board.shutdown(new VirtBoard.Shutdown("exited with status " + code, code));
            }
        });
        return new SimFixture(new Simulation(board), out);
    }

    public Simulation simulation() {
        return sim;
    }

    /** What the guest printed (UART and semihosting). */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        sim.close();
    }
}
