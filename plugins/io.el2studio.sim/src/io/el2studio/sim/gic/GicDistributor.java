package io.el2studio.sim.gic;

import io.el2studio.sim.mem.Device;

/**
 * The distributor's register frame GICD_* (IHI0069 12.9), with affinity routing (ARE RAO/WI) and
 * one Security state (DS RAO/WI): GICD_IGRPMODR is RAZ/WI and GICD_NSACR is RAZ/WI then. The
 * registers for INTIDs 0..31 are RAZ/WI here: with affinity routing the redistributors hold them.
 * Identification values as QEMU 7.2's (read on qemu-system-aarch64): IIDR 0x43b, PIDR2 0x3b.
 */
final class GicDistributor implements Device {
    static final int CTLR_ENABLE_GRP0 = 1, CTLR_ENABLE_GRP1 = 2, CTLR_ARE = 1 << 4, CTLR_DS = 1 << 6;
    /** IIDR: implementer 0x43B (Arm), as QEMU reports. */
    static final int IIDR = 0x43B;

    private final Gicv3 gic;

    GicDistributor(Gicv3 gic) {
        this.gic = gic;
    }

    @Override
    public String name() {
        return "GICv3 distributor";
    }

    /**
     * GICD_TYPER: No1N (no 1-of-N SPI routing), A3V, IDbits = 15 (16-bit INTIDs), LPIS = 0 (no LPIs),
     * SecurityExtn = 0 (DS = 1), ITLinesNumber = INTIDs / 32 - 1.
     */
    int typer() {
        return 1 << 25 | 1 << 24 | 15 << 19 | (gic.numIrq / 32 - 1);
    }

    /** The CoreSight-style identification registers at 0xFFD0..0xFFFC (PIDR4..7, PIDR0..3, CIDR0..3). */
    static int idRegister(int offset) {
        return switch (offset) {
            case 0xFFD0 -> 0x44; // PIDR4
            case 0xFFE0 -> 0x92; // PIDR0
            case 0xFFE4 -> 0xB4; // PIDR1
            case 0xFFE8 -> 0x3B; // PIDR2: ArchRev [7:4] = 3 (GICv3)
            case 0xFFF0 -> 0x0D; // CIDR0
            case 0xFFF4 -> 0xF0; // CIDR1
            case 0xFFF8 -> 0x05; // CIDR2
            case 0xFFFC -> 0xB1; // CIDR3
            default -> 0;
        };
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (size == 8) {
            return (read32(off) & 0xFFFF_FFFFL) | (long) read32(off + 4) << 32;
        }
        int w = read32(off & ~3);
        return size == 4 ? w & 0xFFFF_FFFFL : (w >>> (8 * (off & 3))) & (size == 1 ? 0xFF : 0xFFFF);
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (size == 8) {
            write32(off, (int) value);
            write32(off + 4, (int) (value >>> 32));
            return;
        }
        if (size < 4 && off >= 0x400 && off < 0x800) {
            // IPRIORITYR is byte-accessible
            for (int k = 0; k < size; k++) {
                setPriority(off - 0x400 + k, (int) (value >>> (8 * k)) & 0xFF);
            }
            gic.updateAll();
            return;
        }
        write32(off & ~3, (int) (value << (8 * (off & 3))));
    }

    private void setPriority(int intid, int prio) {
        if (intid >= 32 && intid < gic.numIrq) {
            gic.spis.priority[intid] = prio; // all 8 bits are kept, as QEMU does
        }
    }

    /** The SPI bits of bitmap register {@code n}: INTIDs 0..31 (n = 0) are the redistributors'. */
    private int spiMask(int first) {
        return first == 0 || first >= gic.numIrq ? 0 : -1;
    }

    int read32(int off) {
        IrqBank b = gic.spis;
        if (off >= 0x6000 && off < 0x8000) {
            int n = (off - 0x6000) / 8;
            if (n < 32 || n >= gic.numIrq) {
                return 0;
            }
            long r = gic.irouter[n];
            return (int) ((off & 4) == 0 ? r : r >>> 32);
        }
        if (off >= 0xFFD0) {
            return idRegister(off);
        }
        int first = (off & 0x7F) * 8; // first INTID of a bitmap register
        if (off >= 0x80 && off < 0x100) return b.bits(b.group, first) & spiMask(first);
        if (off >= 0x100 && off < 0x200) return b.bits(b.enabled, first) & spiMask(first);
        if (off >= 0x200 && off < 0x300) return b.pendingBits(first) & spiMask(first);
        if (off >= 0x300 && off < 0x400) return b.bits(b.active, first) & spiMask(first);
        if (off >= 0x400 && off < 0x800) {
            int intid = off - 0x400;
            return intid < 32 ? 0 : b.priorityWord(intid);
        }
        if (off >= 0xC00 && off < 0xD00) {
            int intid = (off - 0xC00) * 4;
            return intid < 32 ? 0 : b.cfgBits(intid);
        }
        return switch (off) {
            case 0x0 -> CTLR_ARE | CTLR_DS | (gic.enableGrp0 ? CTLR_ENABLE_GRP0 : 0) | (gic.enableGrp1 ? CTLR_ENABLE_GRP1 : 0);
            case 0x4 -> typer();
            case 0x8 -> IIDR;
            default -> 0; // TYPER2, STATUSR, IGRPMODR/NSACR (RAZ with DS = 1), ITARGETSR/SGIR (ARE = 1), reserved
        };
    }

    void write32(int off, int v) {
        IrqBank b = gic.spis;
        if (off >= 0x6000 && off < 0x8000) {
            int n = (off - 0x6000) / 8;
            if (n >= 32 && n < gic.numIrq) {
                long r = gic.irouter[n];
                r = (off & 4) == 0 ? (r & ~0xFFFF_FFFFL) | (v & 0xFFFF_FFFFL) : (r & 0xFFFF_FFFFL) | (long) v << 32;
                // Aff3 [39:32], Aff2..Aff0 [23:0]; IRM [31] is RES0 with GICD_TYPER.No1N = 1.
                gic.irouter[n] = r & 0xFF_00FF_FFFFL;
                gic.spiTarget[n] = gic.route(gic.irouter[n]);
                gic.updateAll();
            }
            return;
        }
        int first = (off & 0x7F) * 8;
        if (off >= 0x80 && off < 0x100) {
            b.storeBits(b.group, first, v, spiMask(first));
        } else if (off >= 0x100 && off < 0x180) {
            b.writeBits(b.enabled, first, v, true, spiMask(first));
        } else if (off >= 0x180 && off < 0x200) {
            b.writeBits(b.enabled, first, v, false, spiMask(first));
        } else if (off >= 0x200 && off < 0x280) {
            b.writeBits(b.latch, first, v, true, spiMask(first));
        } else if (off >= 0x280 && off < 0x300) {
            b.writeBits(b.latch, first, v, false, spiMask(first));
        } else if (off >= 0x300 && off < 0x380) {
            b.writeBits(b.active, first, v, true, spiMask(first));
        } else if (off >= 0x380 && off < 0x400) {
            b.writeBits(b.active, first, v, false, spiMask(first));
        } else if (off >= 0x400 && off < 0x800) {
            for (int k = 0; k < 4; k++) {
                setPriority(off - 0x400 + k, (v >>> (8 * k)) & 0xFF);
            }
        } else if (off >= 0xC00 && off < 0xD00) {
            int intid = (off - 0xC00) * 4;
            if (intid >= 32) {
                b.storeCfg(intid, v, 32);
            }
        } else if (off == 0) {
            gic.enableGrp0 = (v & CTLR_ENABLE_GRP0) != 0;
            gic.enableGrp1 = (v & CTLR_ENABLE_GRP1) != 0;
        } else {
            return; // read-only, RAZ/WI or reserved
        }
        gic.updateAll();
    }
}
