package io.el2studio.sim.gic;

import io.el2studio.sim.mem.Device;

/**
 * The redistributor frames of all PEs (IHI0069 12.10/12.11), contiguous as on QEMU's virt: for PE n,
 * RD_base at n * 0x20000 and SGI_base at n * 0x20000 + 0x10000 (no VLPI frames: GICv3 without
 * GICv4). The redistributor holds the SGIs and PPIs of its PE; LPIs are absent (GICR_TYPER.PLPIS =
 * 0, GICR_PROPBASER/PENDBASER RAZ/WI). GICR_WAKER.ProcessorSleep is kept but, as on QEMU 7.2, does
 * not gate interrupts.
 */
final class GicRedistributors implements Device {
    static final int STRIDE = 0x2_0000, SGI_FRAME = 0x1_0000;
    static final int WAKER_PROCESSOR_SLEEP = 2, WAKER_CHILDREN_ASLEEP = 4;

    private final Gicv3 gic;
    private final int[] waker;

    GicRedistributors(Gicv3 gic) {
        this.gic = gic;
        this.waker = new int[gic.pes];
    }

    @Override
    public String name() {
        return "GICv3 redistributors";
    }

    void reset(int pe) {
        waker[pe] = WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP;
    }

    /** GICR_TYPER: Aff3..Aff0 [63:32], Processor_Number [23:8], Last [4] on the last PE's frame. */
    long typer(int pe) {
        return (long) gic.affinity[pe] << 32 | (long) pe << 8 | (pe == gic.pes - 1 ? 1 << 4 : 0);
    }

    @Override
    public long read(long offset, int size) {
        int pe = (int) (offset / STRIDE);
        if (pe >= gic.pes) {
            return 0;
        }
        int off = (int) (offset % STRIDE);
        if (size == 8) {
            return (read32(pe, off) & 0xFFFF_FFFFL) | (long) read32(pe, off + 4) << 32;
        }
        int w = read32(pe, off & ~3);
        return size == 4 ? w & 0xFFFF_FFFFL : (w >>> (8 * (off & 3))) & (size == 1 ? 0xFF : 0xFFFF);
    }

    @Override
    public void write(long offset, int size, long value) {
        int pe = (int) (offset / STRIDE);
        if (pe >= gic.pes) {
            return;
        }
        int off = (int) (offset % STRIDE);
        if (size == 8) {
            write32(pe, off, (int) value);
            write32(pe, off + 4, (int) (value >>> 32));
            return;
        }
        if (size < 4 && off >= SGI_FRAME + 0x400 && off < SGI_FRAME + 0x420) {
            for (int k = 0; k < size; k++) {
                gic.priv[pe].priority[off - SGI_FRAME - 0x400 + k] = (int) (value >>> (8 * k)) & 0xFF;
            }
            gic.update(pe);
            return;
        }
        write32(pe, off & ~3, (int) (value << (8 * (off & 3))));
    }

    int read32(int pe, int off) {
        if (off >= 0xFFD0 && off < SGI_FRAME || off >= SGI_FRAME + 0xFFD0) {
            return GicDistributor.idRegister(off & 0xFFFF);
        }
        if (off < SGI_FRAME) {
            return switch (off) {
                case 0x0 -> 0; // GICR_CTLR: no LPIs, no RWP
                case 0x4 -> GicDistributor.IIDR;
                case 0x8 -> (int) typer(pe);
                case 0xC -> (int) (typer(pe) >>> 32);
                case 0x14 -> waker[pe];
                default -> 0;
            };
        }
        IrqBank b = gic.priv[pe];
        return switch (off - SGI_FRAME) {
            case 0x080 -> b.bits(b.group, 0);
            case 0x100, 0x180 -> b.bits(b.enabled, 0);
            case 0x200, 0x280 -> b.pendingBits(0);
            case 0x300, 0x380 -> b.bits(b.active, 0);
            case 0xC00 -> b.cfgBits(0);
            case 0xC04 -> b.cfgBits(16);
            default -> {
                int o = off - SGI_FRAME;
                yield o >= 0x400 && o < 0x420 ? b.priorityWord(o - 0x400) : 0; // IGRPMODR0, NSACR: RAZ with DS = 1
            }
        };
    }

    void write32(int pe, int off, int v) {
        if (off < SGI_FRAME) {
            if (off == 0x14) {
                int sleep = v & WAKER_PROCESSOR_SLEEP;
                waker[pe] = sleep | (sleep != 0 ? WAKER_CHILDREN_ASLEEP : 0);
            }
            return;
        }
        IrqBank b = gic.priv[pe];
        int o = off - SGI_FRAME;
        switch (o) {
            case 0x080 -> b.storeBits(b.group, 0, v, -1);
            case 0x100 -> b.writeBits(b.enabled, 0, v, true, -1);
            case 0x180 -> b.writeBits(b.enabled, 0, v, false, -1);
            case 0x200 -> b.writeBits(b.latch, 0, v, true, -1);
            case 0x280 -> b.writeBits(b.latch, 0, v, false, -1);
            case 0x300 -> b.writeBits(b.active, 0, v, true, -1);
            case 0x380 -> b.writeBits(b.active, 0, v, false, -1);
            case 0xC04 -> b.storeCfg(16, v, 16); // PPIs; ICFGR0 (SGIs) is read-only, always edge
            default -> {
                if (o >= 0x400 && o < 0x420) {
                    for (int k = 0; k < 4; k++) {
                        b.priority[o - 0x400 + k] = (v >>> (8 * k)) & 0xFF;
                    }
                } else {
                    return;
                }
            }
        }
        gic.update(pe);
    }
}
