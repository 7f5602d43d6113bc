package io.el2studio.sim.board;

import static io.el2studio.sim.board.VirtualClock.NANOS_PER_INSTRUCTION;

import java.util.concurrent.TimeUnit;

/**
 * Idle sleep ({@code run --idle-sleep}, {@link VirtBoard#setIdleSleep}): an idle jump never takes
 * virtual time ahead of the wall clock. Without it a guest idling between periodic timer ticks (a
 * Linux shell prompt) sees its time run many times faster than the host's; with it the board waits,
 * as QEMU's {@code -icount shift=N,sleep=on} does, so that a {@code sleep 5} in the guest lasts five
 * seconds. Busy phases still run at full speed: when execution falls behind the wall clock, the
 * reference point moves forward to the present instead of letting later idle jumps catch up, so
 * virtual time may lag the wall clock but never runs ahead of it while the guest idles.
 *
 * <p>The wait changes only when a jump happens, never where it lands: a run with no input and no
 * client request reaches the same states at the same virtual times as without idle sleep. Input or a
 * client ({@link #wake}) ends a wait early; the board then looks at the input without jumping.
 */
public final class IdleSleep {
    /** The reference point: the host's System.nanoTime() at which virtual time was {@link #virtBase}. */
    private long wallBase;
    /** Virtual time at {@link #wallBase}, in instructions. */
    private long virtBase;
    private boolean woken;

    /** Starts the reference point now, at {@code instructions} of virtual time. */
    IdleSleep(long instructions) {
        wallBase = System.nanoTime();
        virtBase = instructions;
    }

    /**
     * Called on the simulation thread before an idle jump from {@code current} to {@code target}
     * (instructions of virtual time): waits until the wall clock reaches {@code target}. Returns true
     * when it has (or {@code target} is never, Long.MAX_VALUE: nothing to wait for), false when
     * {@link #wake} or an interrupt ended the wait first.
     */
    synchronized boolean sleepUntil(long current, long target) {
        long elapsed = System.nanoTime() - wallBase;
        if (elapsed > (current - virtBase) * NANOS_PER_INSTRUCTION) {
            // Execution fell behind the wall clock: the idle time from here on is waited for in full.
            wallBase += elapsed;
            virtBase = current;
            elapsed = 0;
        }
        if (target == Long.MAX_VALUE || target <= current) {
            return true; // no jump to wait for
        }
        // target - virtBase <= VirtualClock.MAX_INSTRUCTIONS (2^59): times 10 stays below 2^63.
        long left = (target - virtBase) * NANOS_PER_INSTRUCTION - elapsed;
        while (!woken) {
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the runner closes: let it see the interrupt
                return false;
            }
            left = (target - virtBase) * NANOS_PER_INSTRUCTION - (System.nanoTime() - wallBase);
        }
        woken = false;
        return false;
    }

    /**
     * Ends the current wait, or the next one if none is under way (input has arrived, or a client
     * wants the simulation thread). Any thread.
     */
    public synchronized void wake() {
        woken = true;
        notifyAll();
    }

    /** Forgets earlier {@link #wake} calls: the caller is about to handle what they were for. */
    synchronized void clearWake() {
        woken = false;
    }
}
