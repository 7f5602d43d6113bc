package io.el2studio.sim.gdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.el2studio.sim.control.Debug;
import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.mmu.MmuRegs;
import io.el2studio.sim.mmu.Regime;
import io.el2studio.sim.mmu.Walker;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The {@code monitor} commands (qRcmd): what QEMU's gdbstub cannot show a hypervisor engineer.
 * Each command is one row: its name, its argument synopsis, its help line and its action.
 */
final class Monitor {
    @FunctionalInterface
    private interface Action {
        String run(String[] args) throws IOException, InterruptedException;
    }

    private record Command(String name, String synopsis, String help, Action action) {
    }

    private final Session s;
    private final List<Command> commands = new ArrayList<>();

    Monitor(Session s) {
        this.s = s;
        add("help", "", "this list", a -> help());
        add("info", "el", "per PE: exception level, translation regime, VMID and ASID", this::info);
        add("translate", "VA [el10|el2|el20|el3]",
                "walk VA in the selected PE's current regime (or the one named): one line per descriptor", this::translate);
        add("translate-ipa", "IPA [VMID]", "walk an IPA through the stage 2 of a VM (default: the loaded one)", this::translateIpa);
        add("traps", "[N]", "the last N (default 10) exceptions taken to EL2 or EL3, decoded", this::traps);
        add("break-trap", "EC... [vmid=N] [pe=N] [from=EL] [to=EL] [ipa=LO-HI] [read|write] [size=N] [reg=SYSREG] [imm=N] [x0=ID]",
                "stop at the vector when an exception of these classes (DABT_LOW, HVC64, SYS64 ..., " + TrapDecoder.EC_NAMES
                        + ", irq, fiq, or numbers) matching the filters is taken to EL2 (to=3: EL3); x0 takes PSCI/SMCCC "
                        + "names (x0=CPU_ON64)", this::breakTrap);
        add("delete-trap", "[EC...]", "remove trap breakpoints (all, or those of the classes named)", this::deleteTrap);
        add("phys", "on|off", "memory and breakpoint addresses are physical (on) or virtual (off)", this::phys);
        add("mem", "current|phys|ipa VMID|vm VMID", "how memory and breakpoint addresses are translated: the selected PE's "
                + "regime, physical, a VM's IPAs (its stage 2), or a VM's EL1&0 virtual addresses (loaded or not)", this::mem);
        add("step-irq", "[on|off]", "on: a step (stepi) that finds a takeable interrupt enters it and stops at the "
                + "vector's first instruction; off (default): a step executes the next instruction, the interrupt stays "
                + "pending until the next continue", this::stepIrq);
        add("step-el", "", "run until the next exception level change (then: maint flush register-cache)", a -> runTo(Session.RunTo.EL_CHANGE));
        add("until-eret", "", "run until the next exception return (then: maint flush register-cache)", a -> runTo(Session.RunTo.ERET));
    }

    private void add(String name, String synopsis, String help, Action a) {
        commands.add(new Command(name, synopsis, help, a));
    }

    /** Runs one command line; returns its output (errors included: a monitor command never fails the packet). */
    String execute(String line) throws IOException, InterruptedException {
        String[] w = line.isBlank() ? new String[] {"help"} : line.trim().split("\\s+");
        for (Command c : commands) {
            if (c.name().equalsIgnoreCase(w[0])) {
                String[] args = java.util.Arrays.copyOfRange(w, 1, w.length);
                try {
                    return c.action().run(args);
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    return "usage: monitor " + c.name() + " " + c.synopsis();
                } catch (IllegalArgumentException | IllegalStateException e) {
                    return "error: " + e.getMessage();
                }
            }
        }
        return "unknown command '" + w[0] + "'; try 'monitor help'";
    }

    private String help() {
        StringBuilder b = new StringBuilder("EL2 Studio monitor commands:\n");
        for (Command c : commands) {
            String head = c.name() + (c.synopsis().isEmpty() ? "" : " " + c.synopsis());
            b.append(String.format("  %-30s %s%n", head, c.help()));
        }
        return b.toString();
    }

    private String info(String[] a) {
        if (a.length != 1 || !a[0].equals("el")) {
            throw new IndexOutOfBoundsException();
        }
        return s.call(b -> {
            StringBuilder o = new StringBuilder();
            for (int i = 0; i < b.cpus.size(); i++) {
                Cpu c = b.cpu(i);
                if (!b.isOn(i)) {
                    o.append(String.format("CPU%d: off%n", i));
                    continue;
                }
                Regime r = Regime.of(c, c.el);
                MmuRegs m = MmuRegs.of(c, r);
                o.append(String.format("CPU%d: EL%d%s regime %s VMID %d ASID %d stage1 %s stage2 %s pc 0x%x%n", i, c.el,
                        c.spsel ? "h" : "t", name(r), MemoryView.vmidOf(c.vttbrEl2, c.vtcrEl2), m.asid(),
                        m.stage1Enabled() ? "on" : "off", m.stage2Enabled() ? "on" : "off", c.pc));
            }
            return o.toString();
        });
    }

    static String name(Regime r) {
        return switch (r) {
            case EL10 -> "EL1&0";
            case EL2 -> "EL2";
            case EL20 -> "EL2&0";
            case EL3 -> "EL3";
        };
    }

    private String translate(String[] a) {
        long va = number(a[0]);
        Regime chosen = null;
        if (a.length > 1) {
            chosen = switch (a[1].toLowerCase(Locale.ROOT)) {
                case "el10", "el1", "el1&0", "el0" -> Regime.EL10;
                case "el2" -> Regime.EL2;
                case "el20", "el2&0" -> Regime.EL20;
                case "el3" -> Regime.EL3;
                default -> throw new IllegalArgumentException("unknown regime " + a[1] + " (el10, el2, el20, el3)");
            };
        }
        Regime given = chosen;
        int pe = s.gPe;
        return s.call(b -> {
            Cpu c = b.cpu(pe);
            Regime r = given != null ? given : Regime.of(c, c.el);
            Walker.Result w = Walker.debugTranslate(b.bus, MmuRegs.of(c, r), va, Cpu.READ);
            return String.format("VA 0x%x in the %s regime of CPU%d:%n", va, name(r), pe) + walk(w, va);
        });
    }

    private String translateIpa(String[] a) {
        long ipa = number(a[0]);
        int pe = s.gPe;
        return s.call(b -> {
            int vmid = a.length > 1 ? (int) number(a[1]) : MemoryView.vmidOf(b.cpu(pe).vttbrEl2, b.cpu(pe).vtcrEl2);
            long[] s2 = a.length > 1 ? s.mem.stage2Of(b, vmid) : new long[] {b.cpu(pe).vttbrEl2, b.cpu(pe).vtcrEl2};
            if (s2 == null) {
                throw new IllegalArgumentException("no stage 2 known for VMID " + vmid
                        + " (learnt when the hypervisor enters that VM)");
            }
            Walker.Result w = Walker.debugStage2(b.bus, s2[0], s2[1], ipa);
            return String.format("IPA 0x%x of VMID %d (VTTBR_EL2 0x%x, VTCR_EL2 0x%x):%n", ipa, vmid, s2[0], s2[1])
                    + walk(w, ipa);
        });
    }

    private static String walk(Walker.Result w, long a) {
        StringBuilder o = new StringBuilder();
        for (Walker.Step st : w.steps()) {
            o.append("  ").append(st).append('\n');
        }
        if (w.steps().isEmpty() && w.ok()) {
            o.append("  (no descriptor read: translation is off in this regime)\n");
        }
        if (w.ok()) {
            o.append(String.format("  => PA 0x%x (%s)%n", w.entry().pa(a), w.entry()));
        } else {
            o.append("  => fault: ").append(w.fault().getMessage()).append('\n');
        }
        return o.toString();
    }

    private String traps(String[] a) {
        int n = a.length > 0 ? (int) number(a[0]) : 10;
        List<TrapRecord> h = s.sim.board().traps.history();
        StringBuilder o = new StringBuilder();
        if (h.isEmpty()) {
            return "no exception taken to EL2 or EL3 yet\n";
        }
        for (TrapRecord r : h.subList(Math.max(0, h.size() - n), h.size())) {
            o.append(TrapDecoder.describe(r)).append('\n');
        }
        return o.toString();
    }

    private String breakTrap(String[] a) {
        if (a.length == 0) {
            throw new IndexOutOfBoundsException();
        }
        TrapFilter f = TrapFilter.parse(java.util.Arrays.asList(a));
        if (f.targetEls() == 0) { // taken to EL2 unless to= says otherwise
            f = new TrapFilter(f.classes(), f.interrupts(), 1 << 2, f.fromEls(), f.vmid(), f.pe(), f.ipaLo(), f.ipaHi(),
                    f.direction(), f.size(), f.sysreg(), f.imm(), f.functionId(), f.wfx());
        }
        Debug.ExceptionCatch c = Debug.ExceptionCatch.trap(f);
        if (!s.catches.contains(c)) {
            s.catches.add(c);
            s.sim.addExceptionCatch(c);
        }
        return "trap breakpoint: " + f + "\n";
    }

    private String deleteTrap(String[] a) {
        List<Integer> ecs = new ArrayList<>();
        for (String w : a) {
            ecs.addAll(TrapFilter.classesOf(w));
        }
        int n = 0;
        for (Debug.ExceptionCatch c : new ArrayList<>(s.catches)) {
            boolean named = c.filter() != null ? c.filter().classes().stream().anyMatch(ecs::contains) : ecs.contains(c.ec());
            if (ecs.isEmpty() || named) {
                s.catches.remove(c);
                s.sim.removeExceptionCatch(c);
                n++;
            }
        }
        return n + " trap breakpoint(s) deleted\n";
    }

    private String phys(String[] a) {
        s.mem.mode = onOff(a) ? MemoryView.Mode.PHYS : MemoryView.Mode.CURRENT;
        return s.mem.describe() + "\n";
    }

    private String mem(String[] a) {
        if (a.length == 0) {
            return s.mem.describe() + "\n";
        }
        switch (a[0]) {
            case "current" -> s.mem.mode = MemoryView.Mode.CURRENT;
            case "phys" -> s.mem.mode = MemoryView.Mode.PHYS;
            case "ipa", "vm" -> {
                s.mem.vmid = (int) number(a[1]);
                s.mem.mode = a[0].equals("ipa") ? MemoryView.Mode.IPA : MemoryView.Mode.VM;
            }
            default -> throw new IndexOutOfBoundsException();
        }
        return s.mem.describe() + "\n";
    }

    private String stepIrq(String[] a) {
        if (a.length == 0) {
            return "step-irq is " + (s.sim.stepEntersInterrupts() ? "on" : "off") + "\n";
        }
        s.sim.setStepEntersInterrupts(onOff(a));
        return "step-irq " + (s.sim.stepEntersInterrupts() ? "on" : "off") + "\n";
    }

    private String runTo(Session.RunTo to) throws IOException, InterruptedException {
        String reply = s.resume(-1, false, to);
        return s.call(b -> {
            Cpu c = b.cpu(s.gPe);
            return String.format("stopped (%s): CPU%d EL%d pc 0x%x%n", reply, s.gPe, c.el, c.pc);
        });
    }

    private static boolean onOff(String[] a) {
        return switch (a[0].toLowerCase(Locale.ROOT)) {
            case "on", "1", "yes" -> true;
            case "off", "0", "no" -> false;
            default -> throw new IndexOutOfBoundsException();
        };
    }

    /** A number as gdb users type it: 0x.. hex, else decimal. */
    static long number(String t) {
        t = t.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        return Long.parseLong(t);
    }
}
