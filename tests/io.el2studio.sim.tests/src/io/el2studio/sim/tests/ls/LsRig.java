package io.el2studio.sim.tests.ls;

import java.util.ArrayList;
import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.machine.MiniMachine;

/** A MiniMachine that executes single instruction words and records the synchronous exceptions. */
final class LsRig {
    static final long RAM = 0x4000_0000L;
    static final long RAM_SIZE = 1 << 20;
    static final long CODE = RAM + 0x1000;
    static final long DATA = RAM + 0x10000;

    final MiniMachine m;
    final List<GuestFault> faults = new ArrayList<>();

    LsRig(CpuProfile profile, int cpus) {
        m = new MiniMachine(profile, RAM, RAM_SIZE, cpus);
        for (Cpu c : m.cpus) {
            c.el = 1;
            c.spsel = true;
            c.faultHook = (cpu, f) -> {
                faults.add(f);
                return true;
            };
        }
    }

    LsRig() {
        this(CpuProfile.max(), 1);
    }

    Cpu cpu(int i) {
        return m.cpu(i);
    }

    Cpu cpu() {
        return m.cpu(0);
    }

    /** Executes one instruction word on PE {@code i} (at CODE + 0x100 * i), as the next instruction. */
    Cpu exec(int i, int word) {
        Cpu c = m.cpu(i);
        long pc = CODE + 0x100L * i;
        m.load(pc, new byte[] {(byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)});
        c.pc = pc;
        c.step();
        return c;
    }

    Cpu exec(int word) {
        return exec(0, word);
    }

    long read(long pa, int size) {
        return m.bus.read(pa, size);
    }

    void write(long pa, int size, long value) {
        m.bus.write(pa, size, value);
    }

    GuestFault onlyFault() {
        if (faults.size() != 1) {
            throw new AssertionError("expected exactly one synchronous exception, got " + faults);
        }
        return faults.get(0);
    }
}
