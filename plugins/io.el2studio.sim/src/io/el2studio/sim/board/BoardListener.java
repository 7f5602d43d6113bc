package io.el2studio.sim.board;

import io.el2studio.sim.cpu.Cpu;

/** Events of the virt board, delivered on the simulation thread (keep handlers short). */
public interface BoardListener {
    default void uartOutput(int b) {
    }

    default void exceptionTaken(Cpu cpu, int fromEl, int toEl, int kind) {
    }

    default void exceptionReturned(Cpu cpu, int fromEl) {
    }

    /** A PSCI call: its function ID and the value returned in X0 (CPU_OFF and SYSTEM_* do not return). */
    default void psci(Cpu cpu, long function, long result) {
    }

    /** The run ended (PSCI SYSTEM_OFF or SYSTEM_RESET, semihosting exit). */
    default void shutdown(VirtBoard.Shutdown s) {
    }
}
