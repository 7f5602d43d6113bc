package io.el2studio.sim.machine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.GuestFault;

/**
 * Runs a bare-metal program on PE 0 of a {@link MiniMachine} until it exits through semihosting,
 * hits an instruction or time limit, or crashes. The same code path serves {@code el2studio run},
 * {@code el2studio bench} and the differential tests, so that what the tests check is what users run.
 *
 * <p>A crash is a synchronous exception whose vector is not in RAM (with VBAR_ELx still at its
 * reset value the PE would otherwise fault on the vector fetch forever), or one raised by the
 * instruction at its own vector (zeroed vectors: UDF #0 forever). The run stops instead and names
 * the instruction, its disassembly and the syndrome.
 */
public final class BareMetalRun {
    public enum Outcome { EXITED, TIMEOUT, INSN_LIMIT, CRASHED, STOPPED, ASLEEP }

    /** {@code cpuSeconds}: CPU time of the running thread (-1 if the JVM cannot tell), which a busy host inflates less than wall time. */
    public record Result(Outcome outcome, int exitCode, String message, long instructions, double seconds,
            double cpuSeconds, Map<Integer, Long> exceptionsByClass) {
        public double mips() {
            return seconds <= 0 ? 0 : instructions / seconds / 1e6;
        }

        public double cpuMips() {
            return cpuSeconds <= 0 ? 0 : instructions / cpuSeconds / 1e6;
        }
    }

    private final MiniMachine machine;
    private final SemihostingConsole console;
    private long maxInstructions = Long.MAX_VALUE;
    private double timeoutSeconds;
    private final Map<Integer, Long> exceptions = new TreeMap<>();
    private String crash;

    public BareMetalRun(MiniMachine machine, SemihostingConsole console) {
        this.machine = machine;
        this.console = console;
    }

    public BareMetalRun maxInstructions(long n) {
        this.maxInstructions = n;
        return this;
    }

    /** Wall-clock limit; 0 = none. */
    public BareMetalRun timeoutSeconds(double s) {
        this.timeoutSeconds = s;
        return this;
    }

    /** Starts PE 0 at {@code entry} in {@code el} (SP_ELx selected, interrupts masked) and runs it. */
    public Result run(long entry, int el) {
        Cpu cpu = machine.cpu(0);
        cpu.pc = entry;
        cpu.el = el;
        cpu.spsel = true;
        cpu.daif = 0x3C0;
        cpu.semihosting = console;
        cpu.faultHook = this::onFault;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        long deadline = timeoutSeconds > 0 ? start + (long) (timeoutSeconds * 1e9) : Long.MAX_VALUE;
        long startCount = cpu.instructionCount;
        Outcome outcome;
        while (true) {
            long done = cpu.instructionCount - startCount;
            if (done >= maxInstructions) {
                outcome = Outcome.INSN_LIMIT;
                break;
            }
            cpu.run(Math.min(maxInstructions - done, 1 << 22));
            if (console != null) {
                console.flush(); // a few times a second: output appears while the guest runs
            }
            if (console != null && console.exitCode() != null) {
                outcome = Outcome.EXITED;
                break;
            }
            if (crash != null) {
                outcome = Outcome.CRASHED;
                break;
            }
            if (cpu.sleeping != 0 && !io.el2studio.sim.cpu.Interrupts.wake(cpu)) {
                // WFI/WFE with nothing that could ever wake the PE: this machine has no GIC, no timer.
                outcome = Outcome.ASLEEP;
                break;
            }
            if (cpu.halted || cpu.stopRequested) {
                outcome = Outcome.STOPPED;
                break;
            }
            if (System.nanoTime() > deadline) {
                outcome = Outcome.TIMEOUT;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = cpuTime ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : -1;
        if (console != null) {
            console.flush();
        }
        long n = cpu.instructionCount - startCount;
        String message = switch (outcome) {
            case EXITED -> "exited with status " + console.exitCode();
            case TIMEOUT -> String.format("timeout after %s s", fmt(timeoutSeconds));
            case INSN_LIMIT -> "stopped after " + n + " instructions (--max-insns)";
            case CRASHED -> crash;
            case STOPPED -> String.format("PE 0 stopped at pc 0x%x", cpu.pc);
            case ASLEEP -> String.format("all PEs asleep (%s at pc 0x%x) with no wake-up source", cpu.sleeping == 1 ? "WFI" : "WFE", cpu.pc - 4);
        };
        int status = outcome == Outcome.EXITED ? console.exitCode() : outcome == Outcome.CRASHED || outcome == Outcome.ASLEEP ? 1 : 124;
        return new Result(outcome, status, message, n, seconds, cpuSeconds, new TreeMap<>(exceptions));
    }

    private static String fmt(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    private boolean onFault(Cpu cpu, GuestFault f) {
        exceptions.merge(f.ec, 1L, Long::sum);
        int target = f.targetEl != 0 ? f.targetEl : Math.max(1, cpu.el);
        long vector = cpu.vbar[target] + (target == cpu.el ? (cpu.spsel ? 0x200 : 0) : 0x400);
        // An exception raised by the very instruction at the vector it is routed to would repeat forever.
        boolean loop = cpu.pc == vector;
        if (machine.bus.isRam(vector, 4) && !loop) {
            return false;
        }
        int word = peek(cpu, cpu.pc);
        String text = word == 0 && !machine.bus.isRam(cpu.pc, 4) ? "(not in RAM)"
                : String.format("%08x %s", word, machine.decodeCache.decoder().disassemble(word, cpu.pc));
        crash = String.format("guest crashed: %s at pc 0x%x: %s; ESR 0x%08x%s; %s at 0x%x (VBAR_EL%d = 0x%x)",
                ecName(f.ec), cpu.pc, text, f.esr(), f.far == -1 ? "" : String.format(", FAR 0x%x", f.far),
                loop ? "exception loop: the instruction is the exception vector" : "no exception vector",
                vector, target, cpu.vbar[target]);
        cpu.halted = true;
        return true;
    }

    private int peek(Cpu cpu, long va) {
        try {
            return cpu.peekInstruction(va);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Short names of ESR_ELx.EC values (Arm ARM D17.2.37) for messages and statistics. */
    public static String ecName(int ec) {
        return switch (ec) {
            case GuestFault.EC_UNKNOWN -> "undefined instruction";
            case GuestFault.EC_WFX -> "WFI/WFE trap";
            case GuestFault.EC_FP_ACCESS -> "SIMD/FP access trap";
            case GuestFault.EC_ILLEGAL_STATE -> "illegal execution state";
            case GuestFault.EC_SVC64 -> "SVC";
            case GuestFault.EC_HVC64 -> "HVC";
            case GuestFault.EC_SMC64 -> "SMC";
            case GuestFault.EC_SYSREG -> "system register trap";
            case GuestFault.EC_INSN_ABORT_LOWER, GuestFault.EC_INSN_ABORT_SAME -> "instruction abort";
            case GuestFault.EC_PC_ALIGN -> "PC alignment fault";
            case GuestFault.EC_DATA_ABORT_LOWER, GuestFault.EC_DATA_ABORT_SAME -> "data abort";
            case GuestFault.EC_SP_ALIGN -> "SP alignment fault";
            case GuestFault.EC_FP_EXC64 -> "floating-point exception";
            case GuestFault.EC_SERROR -> "SError";
            case GuestFault.EC_BRK64 -> "BRK";
            default -> String.format("exception class 0x%02x", ec);
        };
    }
}
