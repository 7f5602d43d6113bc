package io.el2studio.engine.step;

import java.util.List;

/**
 * Where and why a {@link Stepper} command left the PE, with what the client needs to print it as
 * gdb 13's normal_stop does.
 *
 * @param kind why it stopped
 * @param pc the PE's pc now
 * @param breakpoints for {@link Kind#BREAKPOINT}: the user breakpoints that stopped it
 * @param exitCode for {@link Kind#EXITED}: the guest's exit status
 * @param detail for {@link Kind#OTHER}: the simulator's stop detail; otherwise ""
 * @param sourceLineOnly for {@link Kind#STEPPED}: the step ended in the frame and function it
 *        started in, so gdb prints only the source line (print_stop_event's SRC_LINE), not the
 *        frame's location as well (SRC_AND_LOC)
 */
public record Stop(Kind kind, long pc, List<Integer> breakpoints, int exitCode, String detail, boolean sourceLineOnly) {
    public enum Kind {
        /** A step, next, stepi, nexti or until (no argument) ended where it should. */
        STEPPED,
        /** A user breakpoint (its condition true) stopped the command. */
        BREAKPOINT,
        /** finish returned to the caller; the return value is in the registers. */
        FINISHED,
        /** until LOCATION / advance LOCATION reached it (or the current frame returned). */
        LOCATION,
        /** The guest exited (semihosting exit, PSCI SYSTEM_OFF): nothing is running any more. */
        EXITED,
        /** Something else: a watchpoint, an exception catch, an instruction limit, a stop request. */
        OTHER
    }

    static Stop stepped(long pc, boolean sourceLineOnly) {
        return new Stop(Kind.STEPPED, pc, List.of(), 0, "", sourceLineOnly);
    }

    static Stop of(Kind kind, long pc) {
        return new Stop(kind, pc, List.of(), 0, "", false);
    }
}
