package io.el2studio.sim.gdb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * GDB's register numbering for our target description: the org.gnu.gdb.aarch64.core registers
 * (x0-x30, sp, pc, cpsr = 0..33), the org.gnu.gdb.aarch64.fpu registers (v0-v31, fpsr, fpcr =
 * 34..67), then every modelled register of the system-register table, in table order. Values are
 * read and written on the simulation thread, little-endian as the protocol carries them.
 */
final class Registers {
    enum Kind { X, SP, PC, CPSR, V, FPSR, FPCR, SYS }

    /** One register as GDB numbers it. */
    record Reg(int num, String name, int bits, Kind kind, int index, SysReg sys) {
    }

    static final int SP = 31, PC = 32, CPSR = 33, V0 = 34, FPSR = 66, FPCR = 67, FIRST_SYS = 68;
    /** Registers carried by the g/G packets (core and fpu, as gdb's aarch64 target expects them first). */
    static final int G_COUNT = 68;

    private final List<Reg> all = build();

    /**
     * Built when a client connects, not once: device models (the GIC's ICC_* and ICH_* registers)
     * bind their table rows when a board is made, and the description must list them.
     */
    Registers() {
    }

    private static List<Reg> build() {
        List<Reg> r = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            r.add(new Reg(i, "x" + i, 64, Kind.X, i, null));
        }
        r.add(new Reg(SP, "sp", 64, Kind.SP, 0, null));
        r.add(new Reg(PC, "pc", 64, Kind.PC, 0, null));
        r.add(new Reg(CPSR, "cpsr", 32, Kind.CPSR, 0, null));
        for (int i = 0; i < 32; i++) {
            r.add(new Reg(V0 + i, "v" + i, 128, Kind.V, i, null));
        }
        r.add(new Reg(FPSR, "fpsr", 32, Kind.FPSR, 0, null));
        r.add(new Reg(FPCR, "fpcr", 32, Kind.FPCR, 0, null));
        Set<String> names = new HashSet<>();
        for (Reg x : r) {
            names.add(x.name().toUpperCase());
        }
        for (SysReg s : SysRegTable.all()) {
            if (s.modelled() && names.add(s.name.toUpperCase())) {
                r.add(new Reg(r.size(), s.name, 64, Kind.SYS, 0, s));
            }
        }
        return Collections.unmodifiableList(r);
    }

    List<Reg> all() {
        return all;
    }

    Reg get(int num) {
        return num >= 0 && num < all.size() ? all.get(num) : null;
    }

    Reg byName(String name) {
        for (Reg r : all) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Registers whose read changes state: reading ICC_IAR0/1_EL1 or ICC_NMIAR1_EL1 acknowledges the
     * highest priority pending interrupt (Arm GIC architecture specification, 12.2). A debugger view
     * never reads them ({@code info registers} would otherwise acknowledge interrupts).
     */
    static final java.util.Set<String> SIDE_EFFECT_READS = java.util.Set.of("ICC_IAR0_EL1", "ICC_IAR1_EL1", "ICC_NMIAR1_EL1");

    /** The register's value as little-endian hex, or "xx.." when it cannot be read (write-only, no device). */
    static String read(Cpu c, Reg r) {
        try {
            return switch (r.kind()) {
                case X -> Hex.le(c.x[r.index()], 8);
                case SP -> Hex.le(c.sp(), 8);
                case PC -> Hex.le(c.pc, 8);
                case CPSR -> Hex.le(c.pstateToSpsr(), 4);
                case V -> Hex.le(c.v[2 * r.index()], 8) + Hex.le(c.v[2 * r.index() + 1], 8);
                case FPSR -> Hex.le(c.fpsr, 4);
                case FPCR -> Hex.le(c.fpcr, 4);
                case SYS -> r.sys().readable() && !SIDE_EFFECT_READS.contains(r.name()) ? Hex.le(r.sys().read(c), 8)
                        : "x".repeat(16);
            };
        } catch (RuntimeException e) {
            // A device register without its device (GuestFault) or a model bug: shown as unavailable.
            return "x".repeat(r.bits() / 4);
        }
    }

    /** Writes {@code hex} (little-endian, r.bits()/4 digits); false when the register cannot be written. */
    static boolean write(Cpu c, Reg r, String hex) {
        if (hex.length() != r.bits() / 4) {
            return false;
        }
        long lo = Hex.parseLe(hex.substring(0, Math.min(16, hex.length())));
        switch (r.kind()) {
            case X -> c.x[r.index()] = lo;
            case SP -> c.setSp(lo);
            case PC -> {
                c.pc = lo;
                c.npc = lo;
            }
            case CPSR -> c.spsrToPstate(lo & 0xFFFF_FFFFL);
            case V -> {
                c.v[2 * r.index()] = lo;
                c.v[2 * r.index() + 1] = Hex.parseLe(hex.substring(16));
            }
            case FPSR -> c.fpsr = (int) lo;
            case FPCR -> c.fpcr = (int) lo;
            case SYS -> {
                if (!r.sys().writable()) {
                    return false;
                }
                try {
                    r.sys().write(c, lo);
                } catch (RuntimeException e) {
                    return false;
                }
            }
        }
        if (r.kind() == Kind.CPSR || r.kind() == Kind.SYS) {
            // PSTATE.{A,I,F}, the EL, HCR_EL2 or SCR_EL3 may have changed what interrupt is takeable.
            io.el2studio.sim.cpu.Interrupts.stateChanged(c);
        }
        return true;
    }
}
