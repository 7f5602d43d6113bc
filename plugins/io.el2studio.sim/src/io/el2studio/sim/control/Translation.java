package io.el2studio.sim.control;

import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.mmu.Walker;

/**
 * How a debugger address is turned into a physical one for a side-effect-free memory read: PA as
 * is, a PE's current regime (stage 1 and stage 2 as that PE would translate, through the MMU's
 * debug walker: no TLB fill, no access-flag update, no fault), a given regime's registers (another
 * VM's: any VMID, whatever runs), or stage 2 alone (an IPA of a VM). Only RAM is read: devices have
 * read side effects.
 */
public abstract class Translation {
    /** The PA of {@code address}, or -1 when it does not translate. */
    abstract long pa(VirtBoard b, long address);

    /** Why {@code address} does not translate (the walk step that faulted), for error messages. */
    String why(VirtBoard b, long address) {
        return "no translation";
    }

    /** A translation by the MMU's debug walker: a failed walk says which step faulted. */
    private abstract static class Walked extends Translation {
        /** The walk, or null when there is nothing to walk with (then {@link #missing} says why). */
        abstract Walker.Result walk(VirtBoard b, long address);

        String missing() {
            return "no translation";
        }

        @Override
        final long pa(VirtBoard b, long address) {
            Walker.Result r = walk(b, address);
            return r != null && r.ok() ? r.entry().pa(address) : -1;
        }

        @Override
        final String why(VirtBoard b, long address) {
            Walker.Result r = walk(b, address);
            return r == null ? missing() : r.ok() ? "translates" : r.fault().getMessage();
        }
    }

    public static Translation physical() {
        return new Translation() {
            @Override
            long pa(VirtBoard b, long a) {
                return a;
            }
        };
    }

    /** The current regime of PE {@code pe} at its current EL (VA == PA while it has no MMU). */
    public static Translation currentRegime(int pe) {
        return new Translation() {
            @Override
            long pa(VirtBoard b, long va) {
                Cpu c = b.cpu(pe);
                if (c.mmu == null) {
                    return va;
                }
                Walker.Result r = Walker.debugTranslate(c, va);
                return r.ok() ? r.entry().pa(va) : -1;
            }

            @Override
            String why(VirtBoard b, long va) {
                Cpu c = b.cpu(pe);
                Walker.Result r = c.mmu == null ? null : Walker.debugTranslate(c, va);
                return r == null || r.ok() ? "translates" : r.fault().getMessage();
            }
        };
    }

    /** Stage 1 (and stage 2 when enabled) of a regime given by its registers (e.g. a VM that is not running). */
    public static Translation regime(MmuRegs regs) {
        return new Walked() {
            @Override
            Walker.Result walk(VirtBoard b, long va) {
                return Walker.debugTranslate(b.bus, regs, va, Cpu.READ);
            }
        };
    }

    /** The EL1&amp;0 regime of PE {@code pe}'s current EL1 registers with another VM's stage 2. */
    public static Translation guest(int pe, long vttbr, long vtcr) {
        return new Walked() {
            @Override
            Walker.Result walk(VirtBoard b, long va) {
                MmuRegs r = MmuRegs.of(b.cpu(pe), Regime.EL10).withStage2(vttbr, vtcr);
                return Walker.debugTranslate(b.bus, r, va, Cpu.READ);
            }
        };
    }

    /** Stage 2 alone: an IPA of the VM whose VTTBR_EL2 (BADDR, VMID) and VTCR_EL2 are given. */
    public static Translation stage2(long vttbr, long vtcr) {
        return new Walked() {
            @Override
            Walker.Result walk(VirtBoard b, long ipa) {
                return Walker.debugStage2(b.bus, vttbr, vtcr, ipa);
            }
        };
    }

    /**
     * VMID {@code vmid}'s EL1&amp;0 regime (IDE.md {@code VM<n>:}): stage 1 with the registers the VM
     * last ran with and its stage 2, whether or not it is loaded now (board.VmContexts).
     */
    public static Translation vm(int vmid) {
        return new Walked() {
            @Override
            Walker.Result walk(VirtBoard b, long va) {
                MmuRegs r = b.vms().of(vmid);
                return r == null ? null : Walker.debugTranslate(b.bus, r, va, Cpu.READ);
            }

            @Override
            String missing() {
                return "VMID " + vmid + " has not run on this board";
            }
        };
    }

    /** VMID {@code vmid}'s intermediate physical addresses through its stage 2 (IDE.md {@code IPA<n>:}). */
    public static Translation ipa(int vmid) {
        return new Walked() {
            @Override
            Walker.Result walk(VirtBoard b, long ipa) {
                MmuRegs r = b.vms().of(vmid);
                return r == null ? null : Walker.debugStage2(b.bus, r.vttbr(), r.vtcr(), ipa);
            }

            @Override
            String missing() {
                return "VMID " + vmid + " has not run on this board";
            }
        };
    }

    /**
     * Writes {@code data} page by page into RAM (a debugger's memory write: predecoded instructions of
     * the pages written are dropped; no device is written); throws like {@link #read}.
     */
    void write(VirtBoard b, long address, byte[] data) {
        int done = 0;
        long[] pas = new long[(data.length + 4095) / 4096 + 1];
        int pages = 0;
        while (done < data.length) { // translate everything first: nothing is written when a page fails
            long a = address + done;
            int chunk = (int) Math.min(data.length - done, 4096 - (a & 0xFFF));
            long pa = pa(b, a);
            if (pa == -1) {
                throw new IllegalArgumentException(String.format("0x%x does not translate: %s", a, why(b, a)));
            }
            if (!b.bus.ram.contains(pa, chunk)) {
                throw new IllegalArgumentException(String.format("0x%x (PA 0x%x) is not RAM", a, pa));
            }
            pas[pages++] = pa;
            done += chunk;
        }
        done = 0;
        for (int i = 0; i < pages; i++) {
            long a = address + done;
            int chunk = (int) Math.min(data.length - done, 4096 - (a & 0xFFF));
            b.bus.load(pas[i], data, done, chunk);
            done += chunk;
        }
    }

    /** Reads {@code len} bytes page by page; throws IllegalArgumentException naming the first byte that is unreadable. */
    byte[] read(VirtBoard b, long address, int len) {
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            long a = address + done;
            int chunk = (int) Math.min(len - done, 4096 - (a & 0xFFF));
            long pa = pa(b, a);
            if (pa == -1) {
                throw new IllegalArgumentException(String.format("0x%x does not translate: %s", a, why(b, a)));
            }
            if (!b.bus.ram.contains(pa, chunk)) {
                throw new IllegalArgumentException(String.format("0x%x (PA 0x%x) is not RAM", a, pa));
            }
            System.arraycopy(b.bus.ram.bytes, (int) (pa - b.bus.ram.base), out, done, chunk);
            done += chunk;
        }
        return out;
    }
}
