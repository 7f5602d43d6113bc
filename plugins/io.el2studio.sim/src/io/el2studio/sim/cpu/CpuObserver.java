package io.el2studio.sim.cpu;

/**
 * Sees the system-level instructions a PE executes, for profilers (the world-switch recorder):
 * system register reads and writes (MRS/MSR, after the access succeeded), TLB maintenance (TLBI) and
 * barriers (DMB, DSB, ISB). {@link Cpu#observer} is null unless a profiler is on, so the cost when
 * off is one null check per MRS, MSR, TLBI and ISB. DMB and DSB are decoded as no-ops for speed;
 * while {@link #countBarriers} is set, code decoded from then on executes them through
 * {@link SystemExec#barrier} so that they are seen too.
 */
public interface CpuObserver {
    /** Set while a profiler that counts barriers is attached; read when instructions are decoded. */
    final class Flags {
        private Flags() {
        }

        public static volatile boolean countBarriers;
        private static int observers;

        /** A profiler that counts barriers attaches (decoding from now on keeps DMB/DSB visible). */
        public static synchronized void attached() {
            observers++;
            countBarriers = true;
        }

        /** ... and detaches: when none is left, DMB and DSB are decoded as no-ops again. */
        public static synchronized void detached() {
            observers = Math.max(0, observers - 1);
            countBarriers = observers > 0;
        }
    }

    void sysreg(Cpu cpu, String name, boolean read);

    void tlbi(Cpu cpu, String op);

    void barrier(Cpu cpu, int insn);
}
