package io.el2studio.engine.unwind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.el2studio.engine.dwarf.DwarfException;
import io.el2studio.engine.expr.DwarfExpression;
import io.el2studio.engine.expr.ExpressionContext;
import io.el2studio.engine.expr.ExpressionException;
import io.el2studio.engine.target.DwarfRegs;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.unwind.CfiRules.Cfa;
import io.el2studio.engine.unwind.CfiRules.Rule;
import io.el2studio.engine.unwind.Frame.Kind;

/**
 * Walks the stack of a stopped PE as gdb 13's AArch64 target does: the frame's call frame information
 * (dwarf2/frame.c), else gdb's prologue analysis (aarch64-tdep.c, aarch64_analyze_prologue) or the
 * frame record chain (x29 -> {saved x29, saved x30}); return addresses with their pointer
 * authentication code stripped; the outermost frame found as gdb finds it (an undefined return
 * address, a zero pc, main unless {@code pastMain}, the ELF entry function), and gdb's checks against
 * corrupt stacks. Beyond gdb, it crosses exception entries: where a frame is the exception vector
 * of its EL ([VBAR_ELx, VBAR_ELx + 0x800)) or the handler's unwinding ends while SPSR_ELx.M says the
 * exception came from a lower EL, it adds a marker frame and goes on in the interrupted context
 * (PC = ELR_ELx, SP = SP_ELn of SPSR_ELx.M, PSTATE = SPSR_ELx), with that context's symbols and memory.
 *
 * <p>Never throws for bad call frame information or unreadable memory: the list ends with a reason.
 */
public final class Unwinder {
    /** The default bound on frames (a loop the identity check misses still ends). */
    public static final int DEFAULT_LIMIT = 4096;
    static final String IDENTICAL = "previous frame identical to this frame (corrupt stack?)",
            INNER = "previous frame inner to this frame (corrupt stack?)";

    private final boolean pastMain;
    private final int limit;

    /** As gdb by default: stop at main, at most {@link #DEFAULT_LIMIT} frames. */
    public Unwinder() {
        this(false, DEFAULT_LIMIT);
    }

    /** {@code pastMain}: gdb's {@code set backtrace past-main on}; {@code limit}: the most frames returned. */
    public Unwinder(boolean pastMain, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("frame limit must be at least 1");
        }
        this.pastMain = pastMain;
        this.limit = limit;
    }

    /** The frames of {@code ctx}, innermost first. */
    public List<Frame> frames(UnwindContext ctx) {
        return unwind(ctx).frames();
    }

    /** The frames and why they end. */
    public Backtrace unwind(UnwindContext ctx) {
        List<Frame> out = new ArrayList<>();
        String reason;
        try {
            reason = walk(ctx, out);
        } catch (RuntimeException e) {
            // A bug or target failure must not take the debugger down: the frames so far, and why.
            reason = "internal error while unwinding: " + e;
        }
        return new Backtrace(numbered(out), reason);
    }

    private static List<Frame> numbered(List<Frame> frames) {
        List<Frame> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(frames.get(i).level() == i ? frames.get(i) : frames.get(i).withLevel(i));
        }
        return out;
    }

    /** The state of one concrete frame while walking. */
    private static final class Step {
        RegisterSet regs;
        long pc;
        long lookupPc;
        int el;
        int vmid;
        FrameSymbols symbols;
        TargetMemory memory;
        Kind kind = Kind.NORMAL;
    }

    private String walk(UnwindContext ctx, List<Frame> out) {
        Step s = new Step();
        s.regs = ctx.registers().copy();
        s.pc = s.regs.pc();
        s.lookupPc = s.pc;
        s.el = ctx.el();
        s.vmid = ctx.vmid();
        bind(ctx, s);
        boolean[] crossed = new boolean[4];
        boolean peek = false;
        Frame previous = null;
        while (true) {
            Optional<FrameSymbols.Function> fn = s.symbols == null ? Optional.empty() : s.symbols.functionAt(s.lookupPc);
            String name = fn.map(FrameSymbols.Function::name).orElse(null);
            long start = fn.map(FrameSymbols.Function::start).orElse(-1L);

            // The rules of this frame: CFI, else prologue analysis / frame record.
            CfiRules rules = null;
            String cfiProblem = null;
            if (s.symbols != null) {
                try {
                    rules = s.symbols.cfi().rulesAt(s.lookupPc);
                } catch (DwarfException e) {
                    cfiProblem = "damaged call frame information: " + e.getMessage();
                }
            }
            Unwound up = cfiProblem != null ? null
                    : rules != null ? viaCfi(s, rules) : Prologue.unwind(s.regs, s.memory, start, s.lookupPc);
            long cfa = up == null ? -1 : up.cfa;

            Frame f = new Frame(out.size(), s.kind, s.pc, s.lookupPc, s.regs, cfa, s.symbols, s.el, s.vmid, s.memory, name,
                    start, null, rules);
            // gdb's frame_stash: a frame whose identity (CFA, function) was seen is a cycle and is not shown
            boolean identical = previous != null && !previous.isExceptionMarker() && cfa != -1 && identityMatches(out, f);
            if (peek) {
                return identical ? IDENTICAL : null;
            }
            if (identical) {
                return IDENTICAL;
            }
            addInlineFrames(ctx, s, out, cfa, out.isEmpty() && s.lookupPc == s.pc);
            f = f.withLevel(out.size());
            out.add(f);
            if (out.size() >= limit) {
                return "backtrace limit of " + limit + " frames reached";
            }
            if (f.level() > 0 && s.pc == 0 && s.kind == Kind.NORMAL) {
                return null; // gdb shows a caller whose pc is 0 and goes no further (frame.c, get_prev_frame: "zero PC")
            }
            if (previous != null && previous.kind() != Kind.EXCEPTION_MARKER && previous.cfa() != -1 && cfa != -1
                    && previous.el() == f.el() && Long.compareUnsigned(cfa, previous.cfa()) < 0) {
                return INNER;
            }
            previous = f;

            // Exception entry: this frame is the vector, or the handler's frames end here.
            boolean inVector = s.el >= 1 && !crossed[s.el] && inVectorTable(ctx, s.el, s.lookupPc);
            boolean atMain = !pastMain && "main".equals(name);
            boolean atEntry = s.symbols != null && start != -1 && start == s.symbols.entry();
            boolean ends = up == null || up.reason != null || up.outermost || up.regs == null || !up.regs.isKnown(DwarfRegs.PC);
            // Only EL2 is trusted to be in a handler when its frames end: SPSR_EL1 of a PE that never took an
            // exception reads as "from EL0t", so EL1 and EL3 cross only from their vector table.
            if (!crossed[s.el] && s.el >= 1 && (inVector || (s.el == 2 && ends && !atMain && !atEntry && fromLowerEl(ctx, s.el)))) {
                crossed[s.el] = true;
                String[] why = new String[1];
                Step next = cross(ctx, s, up, out, why);
                if (next == null) {
                    return why[0];
                }
                previous = out.get(out.size() - 1);
                s = next;
                continue;
            }
            if (cfiProblem != null) {
                return cfiProblem;
            }
            if (atMain || atEntry) {
                // gdb's bt ends here (backtrace past-main/past-entry off), but prints the error gdb finds when
                // it unwinds one frame more (get_frame_unwind_stop_reason of the last frame): the frame of
                // _start, whose caller is itself, gives "previous frame identical to this frame"
                if (up == null || up.reason != null || ends) {
                    return up == null ? null : up.reason;
                }
                peek = true;
                s = callerStep(s, up, rules);
                continue;
            }
            if (up == null) {
                return null;
            }
            if (up.reason != null) {
                return up.reason;
            }
            if (ends) {
                return null;
            }
            s = callerStep(s, up, rules);
        }
    }

    private static Step callerStep(Step s, Unwound up, CfiRules rules) {
        Step next = new Step();
        next.regs = up.regs;
        next.pc = up.regs.pc();
        // gdb's get_frame_address_in_block: pc - 1 in a caller, unless it was interrupted (signal frame below)
        boolean signal = rules != null && rules.signalFrame();
        next.lookupPc = signal ? next.pc : next.pc - 1;
        next.el = s.el;
        next.vmid = s.vmid;
        next.symbols = s.symbols;
        next.memory = s.memory;
        return next;
    }

    private static boolean identityMatches(List<Frame> out, Frame f) {
        for (Frame o : out) {
            if (o.kind() == Kind.NORMAL && f.kind() == Kind.NORMAL && o.sameIdentity(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inline frames for the inlined calls at this pc (gdb: each its own frame, with the pc, registers and
     * CFA of the frame it is inlined into), innermost first. At the stop itself ({@code atStop}) gdb
     * hides those whose block the pc enters (inline-frame.c, skip_inline_frames), unless a breakpoint in
     * that inlined function caused the stop ({@link UnwindContext#stoppedAtBreakpointIn}).
     */
    private static void addInlineFrames(UnwindContext ctx, Step s, List<Frame> out, long cfa, boolean atStop) {
        if (s.symbols == null) {
            return;
        }
        List<FrameSymbols.InlineLevel> chain;
        try {
            chain = s.symbols.inlineChain(s.lookupPc);
        } catch (RuntimeException e) {
            return; // damaged scopes: no inline frames, the concrete frame still shows
        }
        int skip = 0;
        if (atStop && !ctx.stoppedAtAddressBreakpoint()) {
            for (int i = 0; i < chain.size(); i++) {
                FrameSymbols.InlineLevel l = chain.get(i);
                if (!l.startsAtPc() || breakpointBlock(ctx, chain, i, s.pc)) {
                    break;
                }
                skip++;
            }
        }
        for (FrameSymbols.InlineLevel l : chain.subList(skip, chain.size())) {
            out.add(new Frame(out.size(), Kind.INLINE, s.pc, s.lookupPc, s.regs, cfa, s.symbols, s.el, s.vmid, s.memory,
                    l.function(), l.entryPc(), null, null));
        }
    }

    /**
     * Whether level {@code i} is the block of a breakpoint location that caused the stop. gdb puts the
     * location of {@code break F} for an inlined instance of F at the instance's entry pc; where several
     * instances of F have their entry at this pc, the location is the outermost's (linespec visits
     * superblocks first and keeps the first location per address).
     */
    private static boolean breakpointBlock(UnwindContext ctx, List<FrameSymbols.InlineLevel> chain, int i, long pc) {
        String f = chain.get(i).function();
        if (f == null || chain.get(i).entryPc() != pc || !ctx.stoppedAtBreakpointIn(f)) {
            return false;
        }
        for (int j = i + 1; j < chain.size(); j++) {
            if (f.equals(chain.get(j).function()) && chain.get(j).entryPc() == pc) {
                return false;
            }
        }
        return true;
    }

    private static void bind(UnwindContext ctx, Step s) {
        s.symbols = ctx.symbols(s.el, s.vmid);
        s.memory = ctx.memory(s.el, s.vmid);
    }

    /** What unwinding one frame gives: its CFA and the caller's registers, or why not. */
    record Unwound(long cfa, RegisterSet regs, boolean outermost, String reason) {
    }

    /** The caller's registers by the CFI rules (DWARF 5, 6.4.1), with gdb's AArch64 defaults. */
    private static Unwound viaCfi(Step s, CfiRules rules) {
        long cfa;
        try {
            cfa = cfa(rules.cfa(), s);
        } catch (ExpressionException | MemoryException e) {
            return new Unwound(-1, null, false, "the CFA is not known: " + e.getMessage());
        }
        RegisterSet caller = new RegisterSet();
        caller.setPstate(s.regs.pstate());
        for (int reg = 0; reg < DwarfRegs.COUNT; reg++) {
            if (reg == DwarfRegs.PC || reg == DwarfRegs.RA_SIGN_STATE) {
                continue;
            }
            Rule r = rules.rule(reg);
            if (r == null) {
                // gdb (aarch64_dwarf2_frame_init_reg): SP is the CFA; every other unspecified register keeps its value
                if (reg == DwarfRegs.SP) {
                    caller.set(reg, cfa);
                } else if (s.regs.isKnown(reg)) {
                    caller.set(reg, s.regs.get(reg));
                }
                continue;
            }
            try {
                OptionalValue v = apply(r, reg, cfa, s);
                if (v.known) {
                    caller.set(reg, v.value);
                }
            } catch (MemoryException | ExpressionException e) {
                if (reg == rules.returnColumn()) {
                    return new Unwound(cfa, null, false, e instanceof MemoryException me
                            ? String.format("Cannot access memory at address 0x%x", me.address()) : e.getMessage());
                }
                // another register that cannot be read is only unknown in the caller (gdb reads them lazily)
            }
        }
        int ra = rules.returnColumn();
        Rule raRule = rules.rule(ra);
        if (raRule instanceof CfiRules.Undefined) {
            return new Unwound(cfa, caller, true, null); // DWARF 5, 6.4.4: no return address, the outermost frame
        }
        long pc;
        if (raRule == null && !s.regs.isKnown(ra)) {
            return new Unwound(cfa, caller, true, null);
        }
        pc = caller.isKnown(ra) ? caller.get(ra) : s.regs.get(ra);
        if (rules.raSigned()) {
            pc = stripPac(pc);
        }
        caller.set(DwarfRegs.PC, pc);
        return new Unwound(cfa, caller, false, null);
    }

    private record OptionalValue(boolean known, long value) {
    }

    private static OptionalValue apply(Rule r, int reg, long cfa, Step s) throws MemoryException, ExpressionException {
        return switch (r) {
            case CfiRules.Undefined u -> new OptionalValue(false, 0);
            case CfiRules.SameValue sv -> s.regs.isKnown(reg) ? new OptionalValue(true, s.regs.get(reg)) : new OptionalValue(false, 0);
            case CfiRules.Offset o -> new OptionalValue(true, s.memory.readLong(cfa + o.offset(), 8));
            case CfiRules.ValOffset o -> new OptionalValue(true, cfa + o.offset());
            case CfiRules.InRegister ir -> s.regs.isKnown(ir.reg()) ? new OptionalValue(true, s.regs.get(ir.reg()))
                    : new OptionalValue(false, 0);
            case CfiRules.Expression e -> new OptionalValue(true,
                    s.memory.readLong(DwarfExpression.value(e.expression(), exprContext(s, cfa), cfa), 8));
            case CfiRules.ValExpression e -> new OptionalValue(true, DwarfExpression.value(e.expression(), exprContext(s, cfa), cfa));
        };
    }

    private static long cfa(Cfa rule, Step s) throws ExpressionException, MemoryException {
        return switch (rule) {
            case CfiRules.RegOffset ro -> {
                if (!s.regs.isKnown(ro.reg())) {
                    throw new ExpressionException("register " + DwarfRegs.name(ro.reg()) + " is not known in this frame");
                }
                yield s.regs.get(ro.reg()) + ro.offset();
            }
            case CfiRules.CfaExpression e -> DwarfExpression.value(e.expression(), exprContext(s, -1));
        };
    }

    /** Registers and memory of the frame being unwound, for DW_CFA_*expression (DWARF 5, 6.4.2). */
    private static ExpressionContext exprContext(Step s, long cfa) {
        return new ExpressionContext() {
            @Override
            public long register(int reg) throws ExpressionException {
                if (!s.regs.isKnown(reg)) {
                    throw ExpressionException.optimizedOut("register " + DwarfRegs.name(reg) + " is not known in this frame");
                }
                return s.regs.get(reg);
            }

            @Override
            public TargetMemory memory() {
                return s.memory;
            }

            @Override
            public long cfa() throws ExpressionException {
                if (cfa == -1) {
                    throw new ExpressionException("DW_OP_call_frame_cfa in a CFA rule");
                }
                return cfa;
            }
        };
    }

    /**
     * Removes a pointer authentication code from a return address (gdb's aarch64_frame_unmask_lr): the
     * PAC sits in the bits above the VA size; bit 55 selects the upper or lower VA range (Arm ARM D8.8,
     * "Pointer authentication"). Without the PE's TCR this takes the 48-bit VA layout.
     */
    static long stripPac(long va) {
        long mask = 0xFFFF_0000_0000_0000L; // bits 63:48, PAC and tag
        return (va & (1L << 55)) != 0 ? va | mask : va & ~mask;
    }

    // ---- exception entries ----

    private static boolean inVectorTable(UnwindContext ctx, int el, long pc) {
        try {
            long vbar = ctx.sysreg("VBAR_EL" + el) & ~0x7FFL;
            return Long.compareUnsigned(pc - vbar, 0x800) < 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** SPSR_ELx.M[3:2] (the EL the last exception to ELx came from) is below {@code el}, AArch64. */
    private static boolean fromLowerEl(UnwindContext ctx, int el) {
        try {
            long spsr = ctx.sysreg("SPSR_EL" + el);
            return (spsr & 0x10) == 0 && ((spsr >>> 2) & 3) < el;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Adds the marker frame and returns the interrupted context's first frame (null, with
     * {@code why[0]} set, when it cannot be entered). Its registers: those the handler's
     * unwinding recovered (the vector entry's CFI says where it saved the interrupted x0-x30), with
     * PC = ELR_ELx, SP = SP_EL0 or SP_ELn by SPSR_ELx.M[0], PSTATE = SPSR_ELx (Arm ARM D1.3.5
     * "Exception entry" and D1.3.6 "Exception return").
     */
    private static Step cross(UnwindContext ctx, Step s, Unwound up, List<Frame> out, String[] why) {
        int el = s.el;
        long spsr, elr, esr;
        try {
            spsr = ctx.sysreg("SPSR_EL" + el);
            elr = ctx.sysreg("ELR_EL" + el);
            esr = ctx.sysreg("ESR_EL" + el);
        } catch (IllegalArgumentException e) {
            why[0] = "the exception state of EL" + el + " cannot be read: " + e.getMessage();
            return null;
        }
        int fromEl = (int) (spsr >>> 2) & 3;
        int vmid = s.vmid;
        if (el == 2 && fromEl < 2) {
            vmid = vmidOfGuest(ctx);
        } else if (el == 3) {
            vmid = -1;
        }
        long vectorOffset = -1;
        try {
            long vbar = ctx.sysreg("VBAR_EL" + el) & ~0x7FFL;
            if (Long.compareUnsigned(s.lookupPc - vbar, 0x800) < 0) {
                vectorOffset = s.lookupPc - vbar;
            }
        } catch (IllegalArgumentException e) {
            // no vector base: the syndrome alone names the exception
        }
        String text = ExceptionText.marker(fromEl, (spsr & 0x10) != 0, vmid, el == 2 && fromEl < 2, esr, vectorOffset, ctx, el);
        RegisterSet regs = up != null && up.regs != null ? up.regs.copy() : s.regs.copy();
        if (up == null || up.regs == null) {
            // no CFI to say what the handler saved: only the registers the exception entry preserves
            for (int r = 0; r <= 30; r++) {
                regs.forget(r);
            }
        }
        regs.set(DwarfRegs.PC, elr);
        regs.setPstate(spsr);
        out.add(new Frame(out.size(), Kind.EXCEPTION_MARKER, elr, elr, regs, -1, null, el, s.vmid, s.memory, null, -1, text,
                null));
        if ((spsr & 0x10) != 0) {
            why[0] = "the interrupted context is AArch32, which is not unwound";
            return null;
        }
        try {
            long sp = (spsr & 1) == 0 ? ctx.sysreg("SP_EL0") : ctx.sysreg("SP_EL" + fromEl);
            regs.set(DwarfRegs.SP, sp);
        } catch (IllegalArgumentException e) {
            regs.forget(DwarfRegs.SP);
        }
        Step next = new Step();
        next.regs = regs;
        next.pc = elr;
        next.lookupPc = elr; // the interrupted instruction (or the one after an HVC/SVC/SMC): no pc - 1
        next.el = fromEl;
        next.vmid = fromEl == el ? s.vmid : vmid;
        bind(ctx, next);
        return next;
    }

    /** VTTBR_EL2.VMID when HCR_EL2.VM is set (the guest's stage 2 is on), else -1. */
    static int vmidOfGuest(UnwindContext ctx) {
        try {
            long hcr = ctx.sysreg("HCR_EL2");
            if ((hcr & 1) == 0) {
                return -1;
            }
            long vttbr = ctx.sysreg("VTTBR_EL2");
            // VMID is VTTBR_EL2[63:48] with 16-bit VMIDs (VTCR_EL2.VS), else [55:48]
            long vtcr = ctx.sysreg("VTCR_EL2");
            return (int) ((vtcr & (1L << 19)) != 0 ? (vttbr >>> 48) & 0xFFFF : (vttbr >>> 48) & 0xFF);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
