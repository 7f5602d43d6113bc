package io.el2studio.sim.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when an oracle it compares with (QEMU, gdb, the cross tools, the Linux
 * workloads) is missing. Under the README's test command ({@code ./el2studio test} passes
 * {@code -Del2studio.requireOracles=true}, which the parent pom hands to every test runtime) the
 * command has installed them, so a missing one is a broken set-up and FAILS the test with its
 * name; elsewhere (a developer's tools/simtest without QEMU) the test is skipped.
 *
 * <p>Skip messages start with their cause, which tools/SurefireSummary.java counts: "missing tool
 * NAME", "missing workloads", or "deliberate" for a skip that is a decision, not a gap (it names
 * what is lacking, e.g. a feature QEMU 7.2 does not have).
 */
public final class Oracles {
    /** The system property the test command sets. */
    public static final String REQUIRE = "el2studio.requireOracles";

    /** The Debian package of each host tool, for the message. */
    private static final Map<String, String> PACKAGES = Map.of(GuestBuild.QEMU, "qemu-system-arm", "qemu-aarch64",
            "qemu-user", GuestBuild.GCC, "gcc-aarch64-linux-gnu", GuestBuild.OBJDUMP, "binutils-aarch64-linux-gnu",
            "aarch64-linux-gnu-nm", "binutils-aarch64-linux-gnu", "gdb-multiarch", "gdb-multiarch", "dtc",
            "device-tree-compiler", "python3", "python3");

    private Oracles() {
    }

    /** True under the README's test command: a missing oracle fails. */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRE);
    }

    /** The calling test needs host tool {@code tool} on PATH. */
    public static void needTool(String tool, boolean present) {
        if (!present) {
            missing("missing tool " + tool, "not found on PATH (Debian package " + PACKAGES.getOrDefault(tool, "?")
                    + ", which ./el2studio test installs)");
        }
    }

    /** The calling test needs {@code what} (cause, e.g. "missing workloads"), absent because of {@code detail}. */
    public static void missing(String cause, String detail) {
        String message = cause + ": " + detail;
        if (required()) {
            fail(message + " [" + REQUIRE + "=true: the test command must provide it]");
        }
        Assumptions.abort(message);
    }

    /**
     * A skip that is a decision, never a gap of the set-up: {@code why} names what is lacking (for
     * example "QEMU 7.2 lacks FEAT_xxx, the oracle of this test"). Skipped even under the test command.
     */
    public static void deliberate(String why) {
        Assumptions.abort("deliberate: " + why);
    }
}
