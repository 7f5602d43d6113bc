package io.el2studio.sim.cpu;

/**
 * A debugger's breakpoints as the run loop sees them ({@link Cpu#breakpoints}): at each entry into a
 * page, {@link PageLoop} asks which of its slots execution must not run through, marks them in the
 * decoded page ({@link FastOps#BREAK}, which also ends any translated block before them) and leaves
 * the loop, with {@link Cpu#atBreakpoint} set and the PC on the instruction, when it reaches one. The
 * debugger then makes its exact check (VA, IPA + VMID, PA) and either stops or steps the instruction.
 * Code without breakpoints in its page runs at full speed; the check happens only where one may be.
 */
public interface BreakpointMap {
    /**
     * The word slots (0..1023, ascending, no duplicates) of the 4 KiB page executed at VA
     * {@code vaPage} from PA {@code paPage} where a breakpoint may be, or null when there is none.
     * Slots may be candidates that the exact check rejects (an IPA breakpoint, whose page the loop
     * does not translate); a slot that may hold a breakpoint must never be missed.
     */
    int[] slots(Cpu cpu, long vaPage, long paPage);
}
