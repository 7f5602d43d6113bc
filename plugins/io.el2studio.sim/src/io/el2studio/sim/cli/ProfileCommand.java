package io.el2studio.sim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.el2studio.sim.profile.ProfileReport;
import io.el2studio.sim.profile.WorldSwitch;
import io.el2studio.sim.profile.WorldSwitchRecorder;

/**
 * {@code el2studio profile [run options] IMAGE [--json FILE]}: runs IMAGE as {@code el2studio run}
 * does with the world-switch recorder on, then prints the table per exit reason; {@code --json}
 * writes one object per switch. {@code el2studio profile --compare A.json B.json} prints two
 * earlier profiles side by side with their ratios.
 */
final class ProfileCommand {
    static final String HELP = """
            usage: el2studio profile [run options] IMAGE [--json FILE]
                   el2studio profile --compare A.json B.json
            Runs IMAGE as el2studio run does (same options: --cpu, --smp, --memory, --initrd, --append, --el ...)
            while recording every world switch: from a PE's exception out of a guest (EL1/EL0 with stage 2
            on) to the ERET that returns it to a guest. Then prints, per exit reason (exception class and the
            ISS field that tells handlers apart), the count, instructions per round trip (min, median, p90,
            max), the mean instructions at EL2 and at EL1 (a split-mode hypervisor's host), system register
            accesses, nested exceptions, virtual time, and the registers each reason reads or writes most.
              --json FILE         also write one JSON object per switch (ec, ec_name, reason, vmid, pe,
                                  instructions, instructions_el0..3, sysreg_reads, sysreg_writes,
                                  nested_exceptions, erets, tlbi, barriers, virtual_ns, sysregs)
              --compare A B       print the profiles of two --json files side by side (B/A ratios)
            """;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    ProfileCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int execute(List<String> argList) throws UsageError {
        List<String> runArgs = new ArrayList<>();
        String json = null;
        List<String> compare = null;
        for (int i = 0; i < argList.size(); i++) {
            String a = argList.get(i);
            if (a.equals("--help")) {
                out.print(HELP);
                return 0;
            } else if (a.equals("--json") || a.startsWith("--json=")) {
                json = a.contains("=") ? a.substring(7) : i + 1 < argList.size() ? argList.get(++i) : null;
                if (json == null || json.isEmpty()) {
                    throw new UsageError("option --json needs a FILE");
                }
                json = Args.outputFile("--json", json);
            } else if (a.equals("--compare")) {
                if (i + 2 >= argList.size()) {
                    throw new UsageError("option --compare needs two files: --compare A.json B.json");
                }
                compare = List.of(argList.get(i + 1), argList.get(i + 2));
                i += 2;
            } else {
                runArgs.add(a);
            }
        }
        if (compare != null) {
            if (!runArgs.isEmpty() || json != null) {
                throw new UsageError("--compare takes two files and nothing else");
            }
            return compare(compare.get(0), compare.get(1));
        }
        WorldSwitchRecorder[] rec = new WorldSwitchRecorder[1];
        int status = Main.runAttached("profile", runArgs, in, out, err, sim -> {
            rec[0] = WorldSwitchRecorder.attach(sim.board());
            sim.run(); // an attached client starts the guest itself
            return () -> { };
        });
        if (rec[0] == null) {
            return status; // a usage or input error, already reported
        }
        rec[0].detach();
        List<WorldSwitch> switches = rec[0].switches();
        out.flush();
        out.println();
        out.println("el2studio profile: " + switches.size() + " world switches");
        if (!switches.isEmpty()) {
            out.print(ProfileReport.of(switches).table());
        }
        if (json != null) {
            try (Writer w = Files.newBufferedWriter(Path.of(json), StandardCharsets.UTF_8)) {
                for (WorldSwitch s : switches) {
                    w.write(s.toJson());
                    w.write('\n');
                }
            } catch (IOException e) {
                err.println("el2studio profile: cannot write " + json + ": " + e.getMessage());
                return 2;
            }
        }
        return status;
    }

    private int compare(String a, String b) throws UsageError {
        ProfileReport ra = read(a), rb = read(b);
        out.print(ProfileReport.compare(a, ra, b, rb));
        return 0;
    }

    private static ProfileReport read(String file) throws UsageError {
        try {
            return new ProfileReport(ProfileReport.parseJsonLines(Files.readAllLines(Path.of(file)), file));
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
