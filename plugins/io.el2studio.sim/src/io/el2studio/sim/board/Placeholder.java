package io.el2studio.sim.board;

import java.util.function.Consumer;

import io.el2studio.sim.mem.Device;

/**
 * A reserved region of the memory map whose device is not modelled yet (the GICv3 until the GIC
 * issue): reads as zero, ignores writes, and logs the first access once so the absence is visible.
 */
public final class Placeholder implements Device {
    private final String name;
    private final Consumer<String> log;
    private boolean logged;

    public Placeholder(String name, Consumer<String> log) {
        this.name = name;
        this.log = log;
    }

    @Override
    public String name() {
        return name;
    }

    private void touched(long offset, boolean write) {
        if (!logged) {
            logged = true;
            log.accept(String.format("%s is not modelled yet: %s at offset 0x%x %s (reads as zero, writes ignored; logged once)",
                    name, write ? "write" : "read", offset, write ? "ignored" : "returns 0"));
        }
    }

    @Override
    public long read(long offset, int size) {
        touched(offset, false);
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        touched(offset, true);
    }
}
