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
        };
    }

    /** Stage 1 (and stage 2 when enabled) of a regime given by its registers (e.g. a VM that is not running). */
    public static Translation regime(MmuRegs regs) {
        return new Translation() {
            @Override
            long pa(VirtBoard b, long va) {
                Walker.Result r = Walker.debugTranslate(b.bus, regs, va, Cpu.READ);
                return r.ok() ? r.entry().pa(va) : -1;
            }
        };
    }

    /** The EL1&amp;0 regime of PE {@code pe}'s current EL1 registers with another VM's stage 2. */
    public static Translation guest(int pe, long vttbr, long vtcr) {
        return new Translation() {
            @Override
            long pa(VirtBoard b, long va) {
                MmuRegs r = MmuRegs.of(b.cpu(pe), Regime.EL10).withStage2(vttbr, vtcr);
                Walker.Result w = Walker.debugTranslate(b.bus, r, va, Cpu.READ);
                return w.ok() ? w.entry().pa(va) : -1;
            }
        };
    }

    /** Stage 2 alone: an IPA of the VM whose VTTBR_EL2 (BADDR, VMID) and VTCR_EL2 are given. */
    public static Translation stage2(long vttbr, long vtcr) {
        return new Translation() {
            @Override
            long pa(VirtBoard b, long ipa) {
                Walker.Result r = Walker.debugStage2(b.bus, vttbr, vtcr, ipa);
                return r.ok() ? r.entry().pa(ipa) : -1;
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
                throw new IllegalArgumentException(String.format("0x%x does not translate", a));
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
                throw new IllegalArgumentException(String.format("0x%x does not translate", a));
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
