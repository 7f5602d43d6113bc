package io.el2studio.sim.gdb;

import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Walker;

/**
 * How the debugger's addresses are translated: through the selected PE's current regime (the
 * default, as a hardware debugger sees memory), as physical addresses ({@code monitor phys on}), as
 * IPAs of the VM with a given VMID ({@code monitor mem ipa VMID}, through that VM's stage 2), or as
 * virtual addresses of a VM's EL1&amp;0 regime ({@code monitor mem vm VMID}: its stage 1 with the
 * registers it last ran with, then its stage 2), even while another VM is loaded. What each VM last
 * ran with comes from the board's one registry (board.VmContexts), shared with the debug engine and
 * the IDE. Every translation uses the MMU's debug walker (no TLB fill, no access-flag update).
 * Reads see RAM only (device reads have side effects); writes of 1, 2, 4 or 8 bytes reach devices.
 */
final class MemoryView {
    enum Mode { CURRENT, PHYS, IPA, VM }

    volatile Mode mode = Mode.CURRENT;
    volatile int vmid;

    static int vmidOf(long vttbr, long vtcr) {
        int v = (int) (vttbr >>> 48) & 0xFFFF;
        return (vtcr & (1L << 19)) != 0 ? v : v & 0xFF;
    }

    /** {VTTBR, VTCR} of VM {@code id}: the one loaded on a PE, else the last one seen; null if unknown. */
    long[] stage2Of(VirtBoard b, int id) {
        MmuRegs r = b.vms().of(id);
        return r == null ? null : new long[] {r.vttbr(), r.vtcr()};
    }

    String describe() {
        return switch (mode) {
            case CURRENT -> "memory is read through the selected PE's current translation regime";
            case PHYS -> "memory addresses are physical";
            case IPA -> "memory addresses are IPAs of VMID " + vmid;
            case VM -> "memory addresses are virtual addresses of VMID " + vmid + "'s EL1&0 regime";
        };
    }

    /** The IPA of VMID {@code id}'s virtual address {@code va} by its stage 1 alone (VA itself with stage 1 off), or -1. */
    long ipaOf(VirtBoard b, int id, long va) {
        MmuRegs r = b.vms().of(id);
        if (r == null) {
            return -1;
        }
        if (!r.stage1Enabled()) {
            return va;
        }
        MmuRegs s1 = new MmuRegs(r.regime(), r.sctlr(), r.tcr(), r.ttbr0(), r.ttbr1(), r.mair(),
                r.hcr() & ~(MmuRegs.HCR_VM | MmuRegs.HCR_DC), r.vttbr(), r.vtcr(), r.el2Enabled(), r.paBits());
        Walker.Result w = Walker.debugTranslate(b.bus, s1, va, Cpu.READ);
        return w.ok() ? w.entry().pa(va) : -1;
    }

    /** The PA of {@code a} as seen by PE {@code pe}, or -1. */
    long pa(VirtBoard b, int pe, long a) {
        switch (mode) {
            case PHYS:
                return a;
            case IPA: {
                long[] s2 = stage2Of(b, vmid);
                if (s2 == null) {
                    return -1;
                }
                Walker.Result r = Walker.debugStage2(b.bus, s2[0], s2[1], a);
                return r.ok() ? r.entry().pa(a) : -1;
            }
            case VM: {
                MmuRegs regs = b.vms().of(vmid);
                if (regs == null) {
                    return -1;
                }
                Walker.Result r = Walker.debugTranslate(b.bus, regs, a, Cpu.READ);
                return r.ok() ? r.entry().pa(a) : -1;
            }
            default: {
                Cpu c = b.cpu(pe);
                if (c.mmu == null) {
                    return a;
                }
                Walker.Result r = Walker.debugTranslate(c, a);
                return r.ok() ? r.entry().pa(a) : -1;
            }
        }
    }

    /** Reads up to {@code len} bytes; stops at the first byte that does not translate or is not RAM. */
    byte[] read(VirtBoard b, int pe, long address, int len) {
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            long a = address + done;
            int chunk = (int) Math.min(len - done, 4096 - (a & 0xFFF));
            long pa = pa(b, pe, a);
            if (pa == -1 || !b.bus.ram.contains(pa, chunk)) {
                break;
            }
            System.arraycopy(b.bus.ram.bytes, (int) (pa - b.bus.ram.base), out, done, chunk);
            done += chunk;
        }
        return java.util.Arrays.copyOf(out, done);
    }

    /** Writes all of {@code data} or nothing that fails; false when an address does not translate or is not writable. */
    boolean write(VirtBoard b, int pe, long address, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long a = address + done;
            int chunk = (int) Math.min(data.length - done, 4096 - (a & 0xFFF));
            long pa = pa(b, pe, a);
            if (pa == -1) {
                return false;
            }
            if (b.bus.ram.contains(pa, chunk)) {
                b.bus.load(pa, data, done, chunk); // invalidates decoded instructions there
            } else if (done == 0 && (chunk == 1 || chunk == 2 || chunk == 4 || chunk == 8) && chunk == data.length) {
                long v = 0;
                for (int i = chunk - 1; i >= 0; i--) {
                    v = v << 8 | (data[i] & 0xFF);
                }
                try {
                    b.bus.write(pa, chunk, v); // a device register, written as a store would
                } catch (RuntimeException e) {
                    return false;
                }
            } else {
                return false;
            }
            done += chunk;
        }
        return true;
    }
}
