package io.el2studio.sim.control;

import io.el2studio.sim.trace.TrapFilter;

/** The value types of the control API: breakpoints, watchpoints, exception catches, stop reasons, snapshots. */
public final class Debug {
    private Debug() {
    }

    /** The address space a breakpoint or watchpoint address is in. */
    public enum Space {
        /** Virtual address in the PE's current translation regime. */
        VA,
        /** Intermediate physical address (the output of stage 1) of a VM, chosen by VMID (-1: any). */
        IPA,
        /** Physical address. */
        PA
    }

    /** A breakpoint on the instruction at {@code address} in {@code space}; {@code vmid} filters IPA breakpoints (-1 = any). */
    public record Breakpoint(Space space, long address, int vmid) {
        public static Breakpoint va(long a) {
            return new Breakpoint(Space.VA, a, -1);
        }

        public static Breakpoint pa(long a) {
            return new Breakpoint(Space.PA, a, -1);
        }

        public static Breakpoint ipa(long a, int vmid) {
            return new Breakpoint(Space.IPA, a, vmid);
        }
    }

    public enum Access {
        READ, WRITE, ACCESS;

        boolean matches(boolean write) {
            return this == ACCESS || (this == WRITE) == write;
        }
    }

    /**
     * A watchpoint on data accesses that overlap {@code [address, address + length)} in {@code space}
     * (VA or PA). The PE stops before the accessing instruction completes, its PC at that
     * instruction, as an AArch64 hardware watchpoint exception does (Arm ARM, self-hosted debug, "Watchpoint
     * exceptions": the exception is taken before the access; the preferred return address is the
     * instruction) and as QEMU's gdbstub reports it; gdb's aarch64 target then steps over the access
     * with the watchpoint removed and shows the old and new values. Resuming from such a stop
     * executes the instruction without stopping on it again.
     */
    public record Watchpoint(Space space, long address, int length, Access access) {
        public Watchpoint {
            if (space == Space.IPA) {
                throw new IllegalArgumentException("watchpoints are by VA or PA");
            }
            if (length <= 0) {
                throw new IllegalArgumentException("watchpoint length must be positive");
            }
        }

        boolean overlaps(long a, int size) {
            return a < address + length && address < a + size;
        }
    }

    /**
     * Stop when an exception is taken: to an EL in {@code targetEls} (bit n = ELn; 0 = any), of
     * exception class {@code ec} (-1 = any; asynchronous exceptions have none and match only -1),
     * while VTTBR_EL2.VMID is {@code vmid} (-1 = any); or, when {@code filter} is given (an EL2 trap
     * breakpoint), when the exception's trap record matches it (then the other fields are unused). The
     * PE stops at the vector's first instruction, not yet executed.
     */
    public record ExceptionCatch(int targetEls, int ec, int vmid, TrapFilter filter) {
        public ExceptionCatch(int targetEls, int ec, int vmid) {
            this(targetEls, ec, vmid, null);
        }

        public static ExceptionCatch any() {
            return new ExceptionCatch(0, -1, -1);
        }

        public static ExceptionCatch toEl(int el, int ec) {
            return new ExceptionCatch(1 << el, ec, -1);
        }

        /** An EL2 trap breakpoint: stop on exceptions taken to EL2/EL3 whose trap record matches {@code f}. */
        public static ExceptionCatch trap(TrapFilter f) {
            return new ExceptionCatch(0, -1, -1, f);
        }
    }

    /** Why the simulation stopped. */
    public enum StopKind { USER, STEP, BREAKPOINT, WATCHPOINT, EXCEPTION, SHUTDOWN, ALL_PES_OFF, LIMIT }

    /**
     * A stop: its kind, the PE that caused it (or the current PE for USER), that PE's PC, and a
     * one-line detail (the breakpoint, the access, the exception, the shutdown reason). A WATCHPOINT
     * stop also names the {@code watchpoint} hit and the {@code dataAddress} of the access in that
     * watchpoint's space (the first accessed byte inside the watched range, as GDB's
     * {@code watch:ADDR} stop reply carries it); for other stops they are null and -1.
     */
    public record StopReason(StopKind kind, int pe, long pc, String detail, Watchpoint watchpoint, long dataAddress) {
        public StopReason(StopKind kind, int pe, long pc, String detail) {
            this(kind, pe, pc, detail, null, -1);
        }
    }

    /** The general registers and PSTATE of one PE (a copy). */
    public record Registers(int pe, boolean on, long[] x, long sp, long pc, long pstate, int el, long[] spEl, long[] elr,
            long[] spsr, long[] esr, long[] far, long[] vbar, long instructions) {
    }
}
