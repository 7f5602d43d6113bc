package io.el2studio.sim.fp;

/**
 * Cumulative floating-point exception flags raised by {@link FPU} operations, with the bit positions
 * of FPSR (Arm ARM C5.2.10): OR {@link #flags} into {@code cpu.fpsr} after the instruction. A vector
 * instruction passes one status object to all its elements. Trapped exception handling is not
 * implemented (FPCR.{IOE,DZE,OFE,UFE,IXE,IDE} read as zero), so raising a flag never faults.
 */
public final class FpStatus {
    public static final int IOC = 1 << 0;
    public static final int DZC = 1 << 1;
    public static final int OFC = 1 << 2;
    public static final int UFC = 1 << 3;
    public static final int IXC = 1 << 4;
    public static final int IDC = 1 << 7;

    /** FPSR bits IOC..IDC raised so far. */
    public int flags;

    public void raise(int flag) {
        flags |= flag;
    }
}
