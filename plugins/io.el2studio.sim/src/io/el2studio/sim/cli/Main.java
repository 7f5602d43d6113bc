package io.el2studio.sim.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line entry point of the simulator, called by the {@code el2studio} launcher:
 * {@code java -cp <sim jar> io.el2studio.sim.cli.Main <command> [args]}.
 *
 * <p>Exit status: 0 success (or, for {@code run}, the guest's own exit status), 2 for any usage or
 * input error (one line on stderr naming the problem, never a stack trace), 1 when the guest
 * crashed, 124 when a time or instruction limit stopped it.
 */
public final class Main {
    static final String USAGE = """
            usage: el2studio <command> [options]
            commands:
              run [options] IMAGE      run an AArch64 image on QEMU's virt board, as -kernel would
                                       (see: el2studio run --help)
              disasm WORD...           disassemble instruction words given in hex
              disasm --elf FILE [--symbol NAME]
              disasm --binary FILE [--base ADDR]
              bench cpu [--insns N] [--mmu off|s1|s12]
                                       measure the CPU's speed on a fixed loop, in MIPS
              bench linux [options]    boot Debian's kernel and initramfs to the shell prompt, in seconds
              help                     this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        // Guest output is buffered here and flushed by the run loop a few times a second and on exit,
        // so that a guest printing one character per SYS_WRITEC does not cost one system call each.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
        int status = execute(args, System.in, out, System.err);
        out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * {@code run}'s options and IMAGE ({@code runArgs}, parsed by the same code as {@code el2studio run})
     * on the virt board with {@code client} attached before the guest starts: the entry of a client
     * above the simulator ({@code el2studio debug}). A usage or input error is one line on
     * {@code err} prefixed {@code el2studio COMMAND: }, and status 2; otherwise the run's status.
     */
    public static int runAttached(String command, List<String> runArgs, InputStream in, PrintStream out, PrintStream err,
            io.el2studio.sim.control.HeadlessRun.Debugger client) {
        try {
            return new RunCommand(in, out, err, client).execute(runArgs);
        } catch (UsageError e) {
            err.println("el2studio " + command + ": " + e.getMessage());
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("el2studio " + command + ": out of memory (lower --memory or raise the JVM's -Xmx)");
            return 2;
        }
    }

    /** Runs one command with the given streams and returns its exit status (testable without exiting). */
    public static int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("el2studio: no command given (try: el2studio help)");
            return 2;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (command) {
                case "run" -> new RunCommand(in, out, err).execute(rest);
                case "disasm" -> new DisasmCommand(out).execute(rest);
                case "bench" -> new BenchCommand(out).execute(rest);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageError("unknown command '" + command + "' (known: run, disasm, bench, help)");
            };
        } catch (UsageError e) {
            String prefix = command.startsWith("-") || !List.of("run", "disasm", "bench").contains(command)
                    ? "el2studio: " : "el2studio " + command + ": ";
            err.println(prefix + e.getMessage());
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("el2studio " + command + ": out of memory (lower --memory or raise the JVM's -Xmx)");
            return 2;
        }
    }
}
