package io.el2studio.sim.cli;

import java.util.List;

import io.el2studio.sim.control.HeadlessRun;
import io.el2studio.sim.loader.ImageException;

/**
 * The checks of {@code el2studio run}'s command line for other clients (the Eclipse launch
 * configuration): the same parser, the same one-line messages, so that a value the IDE rejects is
 * rejected with the words the command line uses.
 */
public final class RunArgs {
    private RunArgs() {
    }

    /**
     * The virt board's options for {@code run ARGS} (ARGS as the command line takes them, without
     * {@code run}); a problem is an IllegalArgumentException whose message is the line
     * {@code el2studio run} prints after {@code "el2studio run: "}.
     */
    public static HeadlessRun.Options virtOptions(List<String> args) {
        try {
            RunCommand.Parsed p = RunCommand.parse(args);
            if (!p.machine.equals("virt")) {
                throw new IllegalArgumentException("option --machine: only the virt machine can be debugged");
            }
            return p.virtOptions();
        } catch (UsageError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** An image problem found while loading, worded as {@code el2studio run} words it. */
    public static String describe(ImageException e, HeadlessRun.Options o) {
        return RunCommand.describe(e, o.initrd() == null ? null : o.initrd().toString(),
                o.dtb() == null ? null : o.dtb().toString(), o.traceTraps() == null ? null : o.traceTraps().toString());
    }
}
