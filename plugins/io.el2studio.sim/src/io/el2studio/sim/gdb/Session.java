package io.el2studio.sim.gdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.el2studio.sim.board.VirtBoard;
import io.el2studio.sim.control.Debug;
import io.el2studio.sim.control.Debug.Breakpoint;
import io.el2studio.sim.control.Debug.StopKind;
import io.el2studio.sim.control.Debug.StopReason;
import io.el2studio.sim.control.Debug.Watchpoint;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.SimulationListener;
import io.el2studio.sim.cpu.Cpu;

/**
 * One client's conversation ("Packets" in the GDB manual, appendix E.4). All-stop mode, no
 * multiprocess extensions: threads are the PEs, thread id = PE index + 1. Every packet gets an
 * answer: empty for unknown packets, {@code Exx} for bad arguments; nothing a client sends can
 * throw out of {@link #serve}. Breakpoints are the simulation's (never patched into memory), by VA
 * in the current regime, or by PA or IPA when {@link MemoryView} says so.
 */
final class Session implements SimulationListener {
    /** What a resume waits for besides breakpoints: nothing, the next EL change, the next ERET. */
    enum RunTo { NONE, EL_CHANGE, ERET }

    private static final long TIMEOUT = 5000;

    final GdbServer server;
    final Simulation sim;
    private final RspChannel ch;
    final Registers regs = new Registers();
    /** Made on the first qXfer:features request (60 KB of XML a raw client may never ask for). */
    private TargetDescription tdesc;
    final MemoryView mem = new MemoryView();
    private final Monitor monitor = new Monitor(this);
    final int pes;
    /** Selected threads (PE index) for register/memory access (Hg) and for resumption (Hc). */
    int gPe, cPe;
    private final Set<Breakpoint> swBreaks = new HashSet<>(), hwBreaks = new HashSet<>();
    private final List<Watch> watches = new ArrayList<>();
    final List<Debug.ExceptionCatch> catches = new ArrayList<>();
    private volatile RunTo runTo = RunTo.NONE;
    private volatile boolean runToHit;
    private boolean detached;

    private record Watch(Watchpoint w, String stopName) {
    }

    Session(GdbServer server, Simulation sim, RspChannel ch) {
        this.server = server;
        this.sim = sim;
        this.ch = ch;
        this.pes = sim.board().cpus.size();
    }

    void serve() throws IOException {
        sim.addListener(this);
        try {
            call(b -> null); // a resume queued by the previous client has taken effect
            if (sim.state() == Simulation.State.RUNNING) {
                long t = sim.stopCount();
                sim.stop(); // a debugger attaching stops the guest, as on QEMU
                sim.awaitStopAfter(t, TIMEOUT, TimeUnit.MILLISECONDS);
            }
            StopReason last = sim.lastStop();
            gPe = cPe = last != null ? last.pe() : sim.board().currentPe();
            while (!detached) {
                byte[] p = ch.read();
                if (p == RspChannel.INTERRUPT) {
                    continue; // the target is already stopped
                }
                String reply;
                if (p == RspChannel.OVERSIZED) {
                    reply = "E01";
                } else {
                    try {
                        reply = handle(p);
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        reply = "E01";
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        reply = "E02";
                    } catch (RuntimeException e) {
                        // A bug of ours: the client gets an error, the session goes on, the log says what.
                        server.log("gdb: internal error on packet '" + abbreviate(p) + "': " + e);
                        reply = "E03";
                    }
                }
                if (reply != null) {
                    ch.send(reply);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cleanUp();
        }
    }

    private static String abbreviate(byte[] p) {
        String s = new String(p, 0, Math.min(p.length, 60), StandardCharsets.ISO_8859_1);
        return s.replaceAll("[^\\x20-\\x7e]", "?") + (p.length > 60 ? "..." : "");
    }

    /** Removes what this client set; resumes the guest unless the server is told to keep it stopped. */
    private void cleanUp() {
        sim.removeListener(this);
        runTo = RunTo.NONE;
        try {
            for (Breakpoint b : swBreaks) {
                sim.removeBreakpoint(b);
            }
            for (Breakpoint b : hwBreaks) {
                sim.removeBreakpoint(b);
            }
            for (Watch w : watches) {
                sim.removeWatchpoint(w.w());
            }
            for (Debug.ExceptionCatch c : catches) {
                sim.removeExceptionCatch(c);
            }
            if (detached || !server.stopOnDisconnect) {
                sim.run();
            }
        } catch (IllegalStateException e) {
            // the simulation was closed under us
        }
        ch.close();
    }

    private String handle(byte[] packet) throws IOException, InterruptedException {
        String p = new String(packet, StandardCharsets.ISO_8859_1);
        if (p.isEmpty()) {
            return "";
        }
        char c = p.charAt(0);
        String a = p.substring(1);
        switch (c) {
            case '?':
                return stopReply(sim.lastStop(), false);
            case 'g':
                return call(b -> {
                    StringBuilder s = new StringBuilder();
                    for (int i = 0; i < Registers.G_COUNT; i++) {
                        s.append(Registers.read(b.cpu(gPe), regs.get(i)));
                    }
                    return s.toString();
                });
            case 'G':
                return call(b -> {
                    int at = 0;
                    for (int i = 0; i < Registers.G_COUNT && at < a.length(); i++) {
                        Registers.Reg r = regs.get(i);
                        int n = r.bits() / 4;
                        String v = a.substring(at, Math.min(a.length(), at + n));
                        if (!v.contains("x")) {
                            Registers.write(b.cpu(gPe), r, v);
                        }
                        at += n;
                    }
                    return "OK";
                });
            case 'p': {
                Registers.Reg r = regs.get((int) Hex.num(a));
                return r == null ? "E01" : call(b -> Registers.read(b.cpu(gPe), r));
            }
            case 'P': {
                int eq = a.indexOf('=');
                Registers.Reg r = regs.get((int) Hex.num(a.substring(0, eq)));
                String v = a.substring(eq + 1);
                Hex.toBytes(v);
                return r == null ? "E01" : call(b -> Registers.write(b.cpu(gPe), r, v) ? "OK" : "E03");
            }
            case 'm': {
                long[] al = addrLen(a);
                int len = (int) Math.min(al[1], RspChannel.MAX_PACKET / 2 - 16);
                byte[] d = call(b -> mem.read(b, gPe, al[0], len));
                return d.length == 0 && len > 0 ? "E14" : Hex.bytes(d);
            }
            case 'M': {
                int colon = a.indexOf(':');
                long[] al = addrLen(a.substring(0, colon));
                byte[] d = Hex.toBytes(a.substring(colon + 1));
                return writeMemory(al, d);
            }
            case 'X': {
                int colon = p.indexOf(':');
                long[] al = addrLen(p.substring(1, colon));
                byte[] d = RspChannel.unescape(packet, colon + 1);
                return writeMemory(al, d);
            }
            case 'H': {
                if (a.length() < 2) {
                    return "E01";
                }
                int pe = thread(a.substring(1));
                if (pe == -2) {
                    return "E01";
                }
                if (pe >= 0) {
                    if (a.charAt(0) == 'g') {
                        gPe = pe;
                    } else {
                        cPe = pe;
                    }
                }
                return "OK";
            }
            case 'T':
                return thread(a) >= 0 ? "OK" : "E01";
            case 'c':
            case 'C':
                return resume(-1, false);
            case 's':
            case 'S':
                return resume(cPe, true);
            case 'Z':
            case 'z':
                return breakpoint(c == 'Z', a);
            case 'D':
                detached = true;
                return "OK";
            case 'k':
                detached = true;
                server.kill();
                return null;
            case 'q':
            case 'Q':
                return query(p);
            case 'v':
                return vPacket(p);
            default:
                return "";
        }
    }

    private String writeMemory(long[] al, byte[] d) {
        if (d.length != al[1]) {
            return "E01";
        }
        if (d.length == 0) {
            return "OK";
        }
        return call(b -> mem.write(b, gPe, al[0], d)) ? "OK" : "E14";
    }

    private String query(String p) throws IOException, InterruptedException {
        if (p.startsWith("qSupported")) {
            return "PacketSize=" + Integer.toHexString(RspChannel.MAX_PACKET)
                    + ";qXfer:features:read+;qXfer:threads:read+;vContSupported+;swbreak+;hwbreak+;QStartNoAckMode+";
        }
        if (p.equals("QStartNoAckMode")) {
            ch.send("OK");
            ch.ackMode = false;
            return null;
        }
        if (p.startsWith("qXfer:features:read:")) {
            String[] t = p.substring("qXfer:features:read:".length()).split(":");
            if (tdesc == null) {
                tdesc = new TargetDescription(regs);
            }
            String f = t.length == 2 ? tdesc.file(t[0]) : null;
            return f == null ? "E00" : xfer(f, t[1]);
        }
        if (p.startsWith("qXfer:threads:read::")) {
            return xfer(threadsXml(), p.substring("qXfer:threads:read::".length()));
        }
        if (p.equals("qfThreadInfo")) {
            StringBuilder s = new StringBuilder("m");
            for (int i = 0; i < pes; i++) {
                s.append(i == 0 ? "" : ",").append(Integer.toHexString(i + 1));
            }
            return s.toString();
        }
        if (p.equals("qsThreadInfo")) {
            return "l";
        }
        if (p.equals("qC")) {
            return "QC" + Integer.toHexString(gPe + 1);
        }
        if (p.startsWith("qAttached")) {
            return "1";
        }
        if (p.startsWith("qThreadExtraInfo,")) {
            int pe = thread(p.substring("qThreadExtraInfo,".length()));
            return pe < 0 ? "E01" : Hex.text(call(b -> threadName(b, pe)));
        }
        if (p.startsWith("qRcmd,")) {
            String cmd = new String(Hex.toBytes(p.substring(6)), StandardCharsets.UTF_8);
            String out = monitor.execute(cmd.trim());
            return out.isEmpty() ? "OK" : Hex.text(out.endsWith("\n") ? out : out + "\n");
        }
        return "";
    }

    private String vPacket(String p) throws IOException, InterruptedException {
        if (p.equals("vCont?")) {
            return "vCont;c;C;s;S;t";
        }
        if (p.startsWith("vCont;")) {
            int step = -1;
            boolean any = false;
            for (String action : p.substring(6).split(";")) {
                if (action.isEmpty()) {
                    return "E01";
                }
                char k = action.charAt(0);
                int colon = action.indexOf(':');
                int pe = colon < 0 ? -1 : thread(action.substring(colon + 1));
                if (pe == -2) {
                    return "E01";
                }
                if (k == 's' || k == 'S') {
                    if (step < 0) {
                        step = pe >= 0 ? pe : cPe;
                    }
                    any = true;
                } else if (k == 'c' || k == 'C') {
                    any = true;
                } else if (k == 't') {
                    continue;
                } else {
                    return "E01";
                }
            }
            if (!any) {
                return "OK";
            }
            return step >= 0 ? resume(step, true) : resume(-1, false);
        }
        if (p.startsWith("vKill")) {
            detached = true;
            server.kill();
            return "OK";
        }
        if (p.equals("vMustReplyEmpty")) {
            return "";
        }
        return "";
    }

    // ---- running ----

    /** Resumes all PEs ({@code pe} < 0) or single-steps one, waits for the stop, and returns the stop reply. */
    String resume(int pe, boolean step) throws IOException, InterruptedException {
        return resume(pe, step, RunTo.NONE);
    }

    String resume(int pe, boolean step, RunTo to) throws IOException, InterruptedException {
        if (sim.state() == Simulation.State.SHUTDOWN || sim.state() == Simulation.State.CLOSED) {
            return stopReply(sim.lastStop(), false);
        }
        runToHit = false;
        runTo = to;
        long token = step ? stepOne(pe) : sim.run();
        boolean interrupted = false;
        try {
            while (true) {
                StopReason r = sim.awaitStopAfter(token, 10, TimeUnit.MILLISECONDS);
                if (r != null) {
                    return stopReply(r, interrupted && !runToHit);
                }
                byte[] in;
                while ((in = ch.poll(10)) != null) {
                    if (in == RspChannel.INTERRUPT) {
                        if (!interrupted) {
                            interrupted = true;
                            sim.stop();
                        }
                    } else {
                        ch.send(""); // all-stop: no other packet is served while the target runs
                    }
                }
            }
        } finally {
            runTo = RunTo.NONE;
        }
    }

    /**
     * One step of one PE. Unless {@code monitor step-irq on} ({@link Simulation#setStepEntersInterrupts}),
     * a pending interrupt is not taken by the step: engineers stepping through a handler expect the
     * next instruction, not the IRQ vector, and the interrupt is taken at the next resume. With it on,
     * the step that takes an interrupt stops at the vector's first instruction.
     */
    private long stepOne(int pe) {
        return sim.step(pe, 1);
    }

    private String stopReply(StopReason r, boolean interrupted) {
        if (r == null) {
            return "T05thread:" + Integer.toHexString(gPe + 1) + ";";
        }
        if (r.kind() == StopKind.SHUTDOWN) {
            VirtBoard.Shutdown s = sim.board().shutdown();
            return String.format("W%02x", s == null ? 0 : s.status() & 0xFF);
        }
        if (r.kind() == StopKind.ALL_PES_OFF) {
            return "W00";
        }
        // A Ctrl-C stops every PE wherever it is; the report names the thread the user was on (as
        // QEMU's gdbstub does), not whichever PE the schedule happened to be running.
        int pe = interrupted && r.kind() == StopKind.USER ? gPe : Math.max(0, Math.min(pes - 1, r.pe()));
        gPe = cPe = pe;
        String tid = "thread:" + Integer.toHexString(pe + 1) + ";";
        switch (r.kind()) {
            case USER:
                return (interrupted ? "T02" : "T05") + tid;
            case BREAKPOINT: {
                boolean sw = hwBreaks.isEmpty();
                for (Breakpoint b : swBreaks) {
                    sw |= b.space() == Debug.Space.VA ? b.address() == r.pc()
                            : r.detail().contains(String.format("%s 0x%x ", b.space(), b.address()));
                }
                return "T05" + (sw ? "swbreak:;" : "hwbreak:;") + tid;
            }
            case WATCHPOINT:
                return "T05" + watchStop(r) + tid;
            default:
                return "T05" + tid;
        }
    }

    /**
     * {@code watch:ADDR;}, {@code rwatch:ADDR;} or {@code awatch:ADDR;} ("Stop Reply Packets" in the
     * GDB manual) for the watchpoint the control API names, with the accessed address inside the
     * watched range (gdb matches it against its watchpoints); empty when it is not one of this client's.
     */
    private String watchStop(StopReason r) {
        for (Watch w : watches) {
            if (w.w().equals(r.watchpoint())) {
                return w.stopName() + ":" + Long.toHexString(r.dataAddress()) + ";";
            }
        }
        return "";
    }

    // ---- breakpoints and watchpoints ----

    private String breakpoint(boolean insert, String a) {
        String[] t = a.split(",");
        if (t.length < 3) {
            return "E01";
        }
        int type = Integer.parseInt(t[0]);
        long addr = Hex.num(t[1]);
        long kind = Hex.num(t[2].contains(";") ? t[2].substring(0, t[2].indexOf(';')) : t[2]);
        switch (type) {
            case 0:
            case 1: {
                Breakpoint b;
                switch (mem.mode) {
                    case PHYS -> b = Breakpoint.pa(addr);
                    case IPA -> b = Breakpoint.ipa(addr, mem.vmid);
                    case VM -> {
                        // a VM's VA: the IPA its stage 1 gives now, as a breakpoint of that VMID only
                        int vmid = mem.vmid;
                        long ipa = call(bd -> mem.ipaOf(bd, vmid, addr));
                        if (ipa == -1) {
                            return "E01";
                        }
                        b = Breakpoint.ipa(ipa, vmid);
                    }
                    default -> b = Breakpoint.va(addr);
                }
                Set<Breakpoint> set = type == 0 ? swBreaks : hwBreaks;
                if (insert) {
                    if (set.add(b) && !(type == 0 ? hwBreaks : swBreaks).contains(b)) {
                        sim.addBreakpoint(b);
                    }
                } else if (set.remove(b) && !(type == 0 ? hwBreaks : swBreaks).contains(b)) {
                    sim.removeBreakpoint(b);
                }
                return "OK";
            }
            case 2:
            case 3:
            case 4: {
                if (mem.mode == MemoryView.Mode.IPA || mem.mode == MemoryView.Mode.VM || kind <= 0 || kind > 1 << 20) {
                    return "E01";
                }
                Debug.Access acc = type == 2 ? Debug.Access.WRITE : type == 3 ? Debug.Access.READ : Debug.Access.ACCESS;
                Watchpoint w = new Watchpoint(mem.mode == MemoryView.Mode.PHYS ? Debug.Space.PA : Debug.Space.VA, addr,
                        (int) kind, acc);
                Watch x = new Watch(w, type == 2 ? "watch" : type == 3 ? "rwatch" : "awatch");
                if (insert) {
                    if (!watches.contains(x)) {
                        watches.add(x);
                        sim.addWatchpoint(w);
                    }
                } else if (watches.remove(x)) {
                    sim.removeWatchpoint(w);
                }
                return "OK";
            }
            default:
                return "";
        }
    }

    // ---- threads ----

    /** A thread id of the protocol to a PE: -1 for "all" or "any" (-1, 0), -2 when invalid. */
    int thread(String s) {
        if (s.equals("-1") || s.equals("0")) {
            return -1;
        }
        long t;
        try {
            t = Hex.num(s);
        } catch (NumberFormatException e) {
            return -2;
        }
        return t >= 1 && t <= pes ? (int) t - 1 : -2;
    }

    static String threadName(VirtBoard b, int pe) {
        return b.isOn(pe) ? "CPU" + pe + " EL" + b.cpu(pe).el : "CPU" + pe + " off";
    }

    private String threadsXml() {
        return call(b -> {
            StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
            for (int i = 0; i < pes; i++) {
                s.append(String.format("  <thread id=\"%x\" core=\"%d\" name=\"%s\"/>\n", i + 1, i, threadName(b, i)));
            }
            return s.append("</threads>\n").toString();
        });
    }

    /** A qXfer reply: {@code m} + part when more follows, {@code l} + the rest otherwise. */
    private static String xfer(String text, String offLen) {
        String[] t = offLen.split(",");
        if (t.length != 2) {
            return "E01";
        }
        long off = Hex.num(t[0]);
        long len = Math.min(Hex.num(t[1]), RspChannel.MAX_PACKET - 16);
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        if (off >= all.length) {
            return "l";
        }
        int end = (int) Math.min(all.length, off + len);
        String part = new String(all, (int) off, end - (int) off, StandardCharsets.ISO_8859_1);
        return (end < all.length ? "m" : "l") + part;
    }

    private static long[] addrLen(String s) {
        int comma = s.indexOf(',');
        long len = Hex.num(s.substring(comma + 1));
        if (len < 0 || len > RspChannel.MAX_PACKET) {
            throw new NumberFormatException("length out of range");
        }
        return new long[] {Hex.num(s.substring(0, comma)), len};
    }

    <T> T call(java.util.function.Function<VirtBoard, T> f) {
        return sim.call(f, TIMEOUT);
    }

    // ---- events (simulation thread) ----

    @Override
    public void exceptionReturned(Cpu cpu, int fromEl, int toEl) {
        if (runTo == RunTo.ERET) {
            hit(cpu);
        }
    }

    @Override
    public void elChanged(Cpu cpu, int fromEl, int toEl) {
        if (runTo == RunTo.EL_CHANGE) {
            hit(cpu);
        }
    }

    /** Stops right after the current instruction (the PE leaves its run loop; the stop request ends the slice). */
    private void hit(Cpu cpu) {
        runTo = RunTo.NONE;
        runToHit = true;
        cpu.halted = true;
        sim.stop();
    }
}
