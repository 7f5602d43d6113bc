package io.el2studio.engine.sim;

import io.el2studio.engine.sim.AddressSpaces.Current;
import io.el2studio.engine.sim.AddressSpaces.GuestEl1;
import io.el2studio.engine.sim.AddressSpaces.Ipa;
import io.el2studio.engine.sim.AddressSpaces.OfEl;
import io.el2studio.engine.sim.AddressSpaces.Physical;
import io.el2studio.engine.sim.AddressSpaces.Space;
import io.el2studio.engine.sim.AddressSpaces.Vm;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.Translation;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * The engine's view of one PE of a {@link Simulation}: its registers by DWARF number, its
 * exception level and VMID, memory of every address space ({@link AddressSpaces}), and system
 * registers by name. Every read is a snapshot taken on the simulation thread between two
 * instructions (Simulation#call); nothing is cached across stops.
 *
 * <p>Translation happens in one place, the control API's {@link Translation}, with the MMU's debug
 * walker (no TLB fill, no access-flag update); only RAM is read, devices have read side effects.
 */
public final class SimTarget {
    private static final long TIMEOUT_MS = 5000;

    private final Simulation sim;
    private final VmContexts vms = new VmContexts();
    private volatile int pe;

    /** Binds PE {@code pe} of {@code sim}; attach before the guest runs so that VMs entered are learnt. */
    public SimTarget(Simulation sim, int pe) {
        this.sim = sim;
        this.pe = pe;
        sim.addListener(vms);
    }

    public Simulation simulation() {
        return sim;
    }

    /** The PE the registers, EL and current regime are those of. */
    public int pe() {
        return pe;
    }

    public void selectPe(int n) {
        if (n < 0 || n >= sim.board().cpus.size()) {
            throw new IllegalArgumentException("no PE " + n + " (the board has " + sim.board().cpus.size() + ")");
        }
        pe = n;
    }

    /** A stopped PE's state: every register known, PSTATE, EL and VMID (-1 when not in a VM). */
    public record Snapshot(RegisterSet registers, int el, int vmid) {
    }

    /** The selected PE's state now. */
    public Snapshot snapshot() {
        int n = pe;
        return sim.call(b -> snapshot(b.cpu(n)), TIMEOUT_MS);
    }

    static Snapshot snapshot(Cpu c) {
        RegisterSet r = new RegisterSet();
        for (int i = 0; i <= 30; i++) {
            r.set(DwarfRegs.X0 + i, c.x[i]);
        }
        r.set(DwarfRegs.SP, c.sp());
        r.set(DwarfRegs.PC, c.pc);
        for (int i = 0; i < 32; i++) {
            r.set(DwarfRegs.V0 + i, c.vlo(i));
        }
        r.setPstate(c.pstateToSpsr());
        return new Snapshot(r, c.el, vmidOf(c));
    }

    /** The VMID the PE runs under: VTTBR_EL2.VMID while at EL1/EL0 with stage 2 enabled, else -1. */
    static int vmidOf(Cpu c) {
        if (c.el >= 2 || !El2Regs.el2Enabled(c)) {
            return -1;
        }
        MmuRegs r = MmuRegs.of(c, Regime.EL10);
        return r.stage2Enabled() ? r.vmid() : -1;
    }

    public RegisterSet registers() {
        return snapshot().registers();
    }

    public int el() {
        return snapshot().el();
    }

    public int vmid() {
        return snapshot().vmid();
    }

    /** All 128 bits of V{@code n}, little-endian (the low half is also in {@link #registers()}). */
    public byte[] vector(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("no register v" + n);
        }
        int p = pe;
        return sim.call(b -> {
            Cpu c = b.cpu(p);
            byte[] out = new byte[16];
            for (int i = 0; i < 8; i++) {
                out[i] = (byte) (c.v[2 * n] >>> (8 * i));
                out[8 + i] = (byte) (c.v[2 * n + 1] >>> (8 * i));
            }
            return out;
        }, TIMEOUT_MS);
    }

    /** FPSR and FPCR (gdb's aarch64 fpu registers beside v0-v31). */
    public long fpsr() {
        int p = pe;
        return sim.call(b -> (long) b.cpu(p).fpsr, TIMEOUT_MS);
    }

    public long fpcr() {
        int p = pe;
        return sim.call(b -> (long) b.cpu(p).fpcr, TIMEOUT_MS);
    }

    /**
     * A system register by the Arm ARM's name ({@code HCR_EL2}, {@code ESR_EL2}), read without side
     * effects; an unknown or unmodelled name is an IllegalArgumentException saying which.
     */
    public long sysreg(String name) {
        return sim.readSysreg(pe, name);
    }

    /** Memory of the selected PE's current regime (no prefix). */
    public TargetMemory memory() {
        return memory(new Current());
    }

    /** Memory of {@code space}; each read translates afresh (the target may have changed its tables). */
    public TargetMemory memory(Space space) {
        return new SpaceMemory(space);
    }

    /** The Translation of {@code space} as the board stands now; an IllegalArgumentException says why there is none. */
    Translation translation(VirtBoard b, Space space) {
        int p = pe;
        Cpu c = b.cpu(p);
        return switch (space) {
            case Current cur -> Translation.currentRegime(p);
            case OfEl e -> Translation.regime(MmuRegs.of(c, Regime.of(c, e.el())));
            case GuestEl1 g -> Translation.regime(MmuRegs.of(c, Regime.EL10));
            case Vm v -> {
                MmuRegs r = vms.of(b, v.vmid());
                if (r == null) {
                    throw new IllegalArgumentException("VM" + v.vmid() + ": VMID " + v.vmid()
                            + " has not run since the debugger attached (its stage 1 and stage 2 registers are unknown)");
                }
                yield Translation.regime(r);
            }
            case Ipa i -> {
                MmuRegs r = vms.of(b, i.vmid());
                if (r == null) {
                    throw new IllegalArgumentException("IPA" + i.vmid() + ": VMID " + i.vmid()
                            + " has not run since the debugger attached (its VTTBR_EL2 and VTCR_EL2 are unknown)");
                }
                yield Translation.stage2(r.vttbr(), r.vtcr());
            }
            case Physical ph -> Translation.physical();
        };
    }

    private final class SpaceMemory implements TargetMemory {
        private final Space space;

        SpaceMemory(Space space) {
            this.space = space;
        }

        @Override
        public byte[] read(long address, int length) throws MemoryException {
            try {
                Translation t = sim.call(b -> translation(b, space), TIMEOUT_MS);
                return sim.readMemory(t, address, length);
            } catch (IllegalArgumentException e) {
                throw new MemoryException(address, e.getMessage());
            }
        }

        @Override
        public void write(long address, byte[] data) throws MemoryException {
            try {
                Translation t = sim.call(b -> translation(b, space), TIMEOUT_MS);
                sim.writeMemory(t, address, data);
            } catch (IllegalArgumentException e) {
                throw new MemoryException(address, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return space.prefix().isEmpty() ? "current regime" : space.prefix();
        }
    }
}
