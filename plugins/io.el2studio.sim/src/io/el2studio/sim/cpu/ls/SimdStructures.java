package io.el2studio.sim.cpu.ls;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.fp.FpAccess;
import io.el2studio.sim.isa.Exec;

/**
 * AdvSIMD load/store structures (Arm ARM C3.2.9 and C4.1.88): multiple structures LD1-LD4/ST1-ST4
 * (with 1-4 registers for LD1/ST1), single structure to one lane, and load-and-replicate
 * LD1R-LD4R, each with an optional post-index by the transfer size (Rm = 31) or by Xm.
 *
 * <p>The memory image of the whole transfer is moved through {@link Cpu#lsScratch} (8 doublewords
 * at most, little-endian), so a load reads everything before the first register is written.
 */
public final class SimdStructures {
    private SimdStructures() {
    }

    /** Writes back Xn after a post-indexed form: + transfer size when Rm = 31, else + Xm. */
    private static void postIndex(Cpu cpu, int w, long a, int bytes) {
        int m = (w >>> 16) & 31;
        cpu.setXsp((w >>> 5) & 31, a + (m == 31 ? bytes : cpu.x[m]));
    }

    private static long getElem(long[] buf, int byteOff, int size) {
        long v = buf[byteOff >>> 3] >>> ((byteOff & 7) << 3);
        return size == 3 ? v : v & ((1L << (8 << size)) - 1);
    }

    private static void setElem(long[] buf, int byteOff, int size, long v) {
        if (size == 3) {
            buf[byteOff >>> 3] = v;
            return;
        }
        int sh = (byteOff & 7) << 3;
        long mask = ((1L << (8 << size)) - 1) << sh;
        int i = byteOff >>> 3;
        buf[i] = (buf[i] & ~mask) | ((v << sh) & mask);
    }

    /** Element {@code e} (size = log2 bytes) of V[t]. */
    private static long lane(Cpu cpu, int t, int e, int size) {
        int off = e << size;
        long v = cpu.v[2 * t + (off >>> 3)] >>> ((off & 7) << 3);
        return size == 3 ? v : v & ((1L << (8 << size)) - 1);
    }

    private static void setLane(Cpu cpu, int t, int e, int size, long value) {
        int off = e << size;
        int i = 2 * t + (off >>> 3);
        if (size == 3) {
            cpu.v[i] = value;
            return;
        }
        int sh = (off & 7) << 3;
        long mask = ((1L << (8 << size)) - 1) << sh;
        cpu.v[i] = (cpu.v[i] & ~mask) | ((value << sh) & mask);
    }

    // ---- multiple structures ----

    /**
     * LD1-LD4 / ST1-ST4 (multiple structures). {@code rpt} registers groups of {@code selem}
     * interleaved elements; Q and size come from the word. {@code post} selects the post-indexed form.
     */
    public static Exec multiple(boolean load, int rpt, int selem, boolean post) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            boolean q = (w & (1 << 30)) != 0;
            int size = (w >>> 10) & 3;
            int t = w & 31;
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            int regBytes = q ? 16 : 8;
            int regs = rpt * selem;
            int bytes = regs * regBytes;
            int dwords = bytes >>> 3;
            long[] buf = cpu.lsScratch;
            if (load) {
                for (int i = 0; i < dwords; i++) {
                    buf[i] = cpu.read(a + 8L * i, 8);
                }
                if (selem == 1) {
                    for (int r = 0; r < regs; r++) {
                        int tt = (t + r) & 31;
                        cpu.v[2 * tt] = buf[q ? 2 * r : r];
                        cpu.v[2 * tt + 1] = q ? buf[2 * r + 1] : 0;
                    }
                } else {
                    // De-interleave into buf[8..15] (register s at 8 + 2s), then commit.
                    int elements = regBytes >>> size;
                    for (int e = 0; e < elements; e++) {
                        for (int s = 0; s < selem; s++) {
                            setElem(buf, 64 + (s << 4) + (e << size), size, getElem(buf, (e * selem + s) << size, size));
                        }
                    }
                    for (int s = 0; s < selem; s++) {
                        int tt = (t + s) & 31;
                        cpu.v[2 * tt] = buf[8 + 2 * s];
                        cpu.v[2 * tt + 1] = q ? buf[9 + 2 * s] : 0;
                    }
                }
            } else {
                if (selem == 1) {
                    for (int r = 0; r < regs; r++) {
                        int tt = (t + r) & 31;
                        if (q) {
                            buf[2 * r] = cpu.v[2 * tt];
                            buf[2 * r + 1] = cpu.v[2 * tt + 1];
                        } else {
                            buf[r] = cpu.v[2 * tt];
                        }
                    }
                } else {
                    int elements = regBytes >>> size;
                    for (int e = 0; e < elements; e++) {
                        for (int s = 0; s < selem; s++) {
                            setElem(buf, (e * selem + s) << size, size, lane(cpu, (t + s) & 31, e, size));
                        }
                    }
                }
                // TODO(mmu): translate every page of the transfer before the first write.
                for (int i = 0; i < dwords; i++) {
                    cpu.write(a + 8L * i, 8, buf[i]);
                }
            }
            if (post) {
                postIndex(cpu, w, a, bytes);
            }
        };
    }

    // ---- single structure ----

    /**
     * LD1-LD4 / ST1-ST4 (single structure) to lane {@code index}; {@code size} is the element size
     * (log2 bytes) fixed by the row's opcode, the index comes from Q:S:size as the Arm ARM defines.
     */
    public static Exec single(boolean load, int selem, int size, boolean post) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            int index = laneIndex(w, size);
            int t = w & 31;
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            int ebytes = 1 << size;
            if (load) {
                long[] buf = cpu.lsScratch;
                for (int s = 0; s < selem; s++) {
                    buf[s] = cpu.read(a + (long) s * ebytes, ebytes);
                }
                for (int s = 0; s < selem; s++) {
                    setLane(cpu, (t + s) & 31, index, size, buf[s]);
                }
            } else {
                for (int s = 0; s < selem; s++) {
                    cpu.write(a + (long) s * ebytes, ebytes, lane(cpu, (t + s) & 31, index, size));
                }
            }
            if (post) {
                postIndex(cpu, w, a, selem * ebytes);
            }
        };
    }

    /** The lane index of a single-structure form: Q:S:size for B, Q:S:size<1> for H, Q:S for S, Q for D. */
    public static int laneIndex(int w, int size) {
        int q = (w >>> 30) & 1, s = (w >>> 12) & 1, sz = (w >>> 10) & 3;
        return switch (size) {
            case 0 -> (q << 3) | (s << 2) | sz;
            case 1 -> (q << 2) | (s << 1) | (sz >>> 1);
            case 2 -> (q << 1) | s;
            default -> q;
        };
    }

    /** LD1R-LD4R: one structure replicated to all lanes of selem registers. */
    public static Exec replicate(int selem, boolean post) {
        return (cpu, w) -> {
            FpAccess.check(cpu);
            boolean q = (w & (1 << 30)) != 0;
            int size = (w >>> 10) & 3;
            int t = w & 31;
            long a = LoadStore.base(cpu, (w >>> 5) & 31);
            int ebytes = 1 << size;
            long[] buf = cpu.lsScratch;
            for (int s = 0; s < selem; s++) {
                buf[s] = cpu.read(a + (long) s * ebytes, ebytes);
            }
            for (int s = 0; s < selem; s++) {
                long v = buf[s];
                long rep = switch (size) {
                    case 0 -> v * 0x0101010101010101L;
                    case 1 -> v * 0x0001000100010001L;
                    case 2 -> v | (v << 32);
                    default -> v;
                };
                int tt = (t + s) & 31;
                cpu.v[2 * tt] = rep;
                cpu.v[2 * tt + 1] = q ? rep : 0;
            }
            if (post) {
                postIndex(cpu, w, a, selem * ebytes);
            }
        };
    }
}
