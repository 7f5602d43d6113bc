package io.el2studio.sim.cpu;

/**
 * A synchronous exception raised while executing an instruction: the syndrome the architecture
 * defines (ESR_ELx.EC and ISS, FAR when valid). Thrown by handlers and memory accesses before any
 * architectural state changes, caught by the run loop and handed to {@link Cpu#takeFault}.
 * It carries no Java stack trace: it is an architectural event, not a simulator error.
 */
public final class GuestFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** ESR_ELx.EC values (Arm ARM D17.2.37). */
    public static final int EC_UNKNOWN = 0x00;
    public static final int EC_WFX = 0x01;
    public static final int EC_FP_ACCESS = 0x07;
    public static final int EC_ILLEGAL_STATE = 0x0E;
    public static final int EC_SVC64 = 0x15;
    public static final int EC_HVC64 = 0x16;
    public static final int EC_SMC64 = 0x17;
    public static final int EC_SYSREG = 0x18;
    public static final int EC_INSN_ABORT_LOWER = 0x20;
    public static final int EC_INSN_ABORT_SAME = 0x21;
    public static final int EC_PC_ALIGN = 0x22;
    public static final int EC_DATA_ABORT_LOWER = 0x24;
    public static final int EC_DATA_ABORT_SAME = 0x25;
    public static final int EC_SP_ALIGN = 0x26;
    public static final int EC_FP_EXC64 = 0x2C;
    public static final int EC_SERROR = 0x2F;
    public static final int EC_BRK64 = 0x3C;

    public final int ec;
    public final int iss;
    /** Faulting virtual address for aborts and alignment faults; -1 when not valid. */
    public final long far;
    /** Target exception level when the raiser already knows it (traps to EL2/EL3); 0 = route normally. */
    public final int targetEl;
    /** IL bit: 32-bit instruction (always true for A64). */
    public final boolean il;

    public GuestFault(int ec, int iss, long far, int targetEl) {
        this(ec, iss, far, targetEl, true);
    }

    /**
     * True when the preferred return address is the next instruction rather than this one: SVC, HVC
     * and SMC (Arm ARM D1.3.1, "Preferred exception return address"; AArch64.CallSupervisor).
     */
    public final boolean returnsToNext;

    public GuestFault(int ec, int iss, long far, int targetEl, boolean il) {
        this(ec, iss, far, targetEl, il, false);
    }

    public GuestFault(int ec, int iss, long far, int targetEl, boolean il, boolean returnsToNext) {
        super(null, null, false, false);
        this.ec = ec;
        this.iss = iss;
        this.far = far;
        this.targetEl = targetEl;
        this.il = il;
        this.returnsToNext = returnsToNext;
    }

    public static GuestFault undefined() {
        return new GuestFault(EC_UNKNOWN, 0, -1, 0);
    }

    public int esr() {
        return (ec << 26) | (il ? 1 << 25 : 0) | (iss & 0x1FFFFFF);
    }

    @Override
    public String getMessage() {
        return String.format("EC=0x%02x ISS=0x%07x%s", ec, iss, far == -1 ? "" : String.format(" FAR=0x%016x", far));
    }
}
