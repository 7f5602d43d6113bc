package io.el2studio.sim.simd.fp;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.fp.FPU;
import io.el2studio.sim.fp.FpAccess;
import io.el2studio.sim.fp.FpStatus;
import io.el2studio.sim.isa.Feature;

/**
 * FEAT_FCMA: FCMLA (vector and by element) and FCADD on pairs of elements holding (real, imaginary)
 * complex numbers, as in the Arm ARM pseudocode. The half-precision forms (size = 01) also need
 * FEAT_FP16.
 */
public final class ComplexExec {
    private ComplexExec() {
    }

    private static int esizeOf(Cpu cpu, int w) {
        int size = (w >>> 22) & 3;
        if (size == 1 && !cpu.profile.has(Feature.FP16)) {
            throw GuestFault.undefined();
        }
        return 8 << size;
    }

    /** FCADD Vd, Vn, Vm, #rot: rot 90 adds (-im, re) of Vm to Vn, rot 270 adds (im, -re). */
    public static void fcadd(Cpu cpu, int w) {
        int esize = esizeOf(cpu, w);
        FpAccess.check(cpu);
        int datasize = (w & (1 << 30)) != 0 ? 128 : 64;
        boolean rot270 = ((w >>> 12) & 1) != 0;
        long[] op1 = Lanes.read(cpu, (w >>> 5) & 31), op2 = Lanes.read(cpu, (w >>> 16) & 31);
        long[] r = new long[2];
        FpStatus st = new FpStatus();
        int fpcr = cpu.fpcr;
        for (int e = 0; e < datasize / esize / 2; e++) {
            long re2 = Lanes.elem(op2, 2 * e, esize), im2 = Lanes.elem(op2, 2 * e + 1, esize);
            long element1 = rot270 ? im2 : FPU.neg(esize, im2);
            long element3 = rot270 ? FPU.neg(esize, re2) : re2;
            Lanes.setElem(r, 2 * e, esize, FPU.add(esize, Lanes.elem(op1, 2 * e, esize), element1, fpcr, st));
            Lanes.setElem(r, 2 * e + 1, esize, FPU.add(esize, Lanes.elem(op1, 2 * e + 1, esize), element3, fpcr, st));
        }
        cpu.fpsr |= st.flags;
        Lanes.write(cpu, w & 31, r, datasize);
    }

    /** FCMLA Vd, Vn, Vm, #rot (vector). */
    public static void fcmlaVector(Cpu cpu, int w) {
        fcmla(cpu, w, false);
    }

    /** FCMLA Vd, Vn, Vm.T[index], #rot: half precision index H:L, single index H; Vm is M:Rm. */
    public static void fcmlaElement(Cpu cpu, int w) {
        fcmla(cpu, w, true);
    }

    private static void fcmla(Cpu cpu, int w, boolean byElement) {
        int esize = esizeOf(cpu, w);
        FpAccess.check(cpu);
        int datasize = (w & (1 << 30)) != 0 ? 128 : 64;
        int rot = byElement ? (w >>> 13) & 3 : (w >>> 11) & 3;
        int h = (w >>> 11) & 1, l = (w >>> 21) & 1;
        int index = !byElement ? -1 : esize == 16 ? h << 1 | l : h;
        long[] op1 = Lanes.read(cpu, (w >>> 5) & 31), op2 = Lanes.read(cpu, (w >>> 16) & 31);
        long[] op3 = Lanes.read(cpu, w & 31);
        long[] r = new long[2];
        FpStatus st = new FpStatus();
        int fpcr = cpu.fpcr;
        for (int e = 0; e < datasize / esize / 2; e++) {
            int p = byElement ? index : e;
            long re2 = Lanes.elem(op2, 2 * p, esize), im2 = Lanes.elem(op2, 2 * p + 1, esize);
            long re1 = Lanes.elem(op1, 2 * e, esize), im1 = Lanes.elem(op1, 2 * e + 1, esize);
            long element1, element2, element3, element4;
            switch (rot) {
                case 0 -> { element1 = re2; element2 = re1; element3 = im2; element4 = re1; }
                case 1 -> { element1 = FPU.neg(esize, im2); element2 = im1; element3 = re2; element4 = im1; }
                case 2 -> { element1 = FPU.neg(esize, re2); element2 = re1; element3 = FPU.neg(esize, im2); element4 = re1; }
                default -> { element1 = im2; element2 = im1; element3 = FPU.neg(esize, re2); element4 = im1; }
            }
            Lanes.setElem(r, 2 * e, esize, FPU.mulAdd(esize, Lanes.elem(op3, 2 * e, esize), element2, element1, fpcr, st));
            Lanes.setElem(r, 2 * e + 1, esize,
                    FPU.mulAdd(esize, Lanes.elem(op3, 2 * e + 1, esize), element4, element3, fpcr, st));
        }
        cpu.fpsr |= st.flags;
        Lanes.write(cpu, w & 31, r, datasize);
    }
}
