package io.el2studio.engine.target;

import java.util.Arrays;

/**
 * The registers of one frame by DWARF number, each known or not: the innermost frame knows every
 * register, an unwound frame only those the call frame information (or the ABI) recovers, as gdb
 * prints {@code <not saved>} for the rest. V registers hold their low 64 bits here (d0-d31); the
 * full 128 bits are read from the target when needed.
 */
public final class RegisterSet {
    private final long[] values = new long[DwarfRegs.COUNT];
    private final boolean[] known = new boolean[DwarfRegs.COUNT];
    private long pstate = -1;

    public RegisterSet() {
    }

    public RegisterSet copy() {
        RegisterSet r = new RegisterSet();
        System.arraycopy(values, 0, r.values, 0, values.length);
        System.arraycopy(known, 0, r.known, 0, known.length);
        r.pstate = pstate;
        return r;
    }

    public boolean isKnown(int reg) {
        return reg >= 0 && reg < DwarfRegs.COUNT && known[reg];
    }

    /** The register's value; an unknown register is an error naming it. */
    public long get(int reg) {
        if (!isKnown(reg)) {
            throw new IllegalStateException("register " + DwarfRegs.name(reg) + " is not known in this frame");
        }
        return values[reg];
    }

    public void set(int reg, long value) {
        if (reg < 0 || reg >= DwarfRegs.COUNT) {
            throw new IllegalArgumentException("no DWARF register " + reg);
        }
        values[reg] = value;
        known[reg] = true;
    }

    public void forget(int reg) {
        if (reg >= 0 && reg < DwarfRegs.COUNT) {
            known[reg] = false;
        }
    }

    public long pc() {
        return get(DwarfRegs.PC);
    }

    public long sp() {
        return get(DwarfRegs.SP);
    }

    /** PSTATE (as SPSR_ELx lays it out), -1 when not known. */
    public long pstate() {
        return pstate;
    }

    public void setPstate(long p) {
        pstate = p;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < DwarfRegs.COUNT; i++) {
            if (known[i]) {
                b.append(b.length() > 1 ? ", " : "").append(DwarfRegs.name(i)).append("=0x").append(Long.toHexString(values[i]));
            }
        }
        return b.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterSet r && Arrays.equals(values, r.values) && Arrays.equals(known, r.known) && pstate == r.pstate;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
