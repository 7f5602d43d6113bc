package io.el2studio.engine.unwind;

import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;

/**
 * One frame of a backtrace, as gdb numbers them: level 0 is where the PE is; a caller's {@link #pc}
 * is its return address and {@link #lookupPc} the address inside the call (pc - 1) used for CFI,
 * symbols and lines, except in a frame interrupted by an exception (or under a signal frame), whose
 * pc is where it will resume. An exception marker frame sits between an exception handler's frames
 * and the interrupted context's ({@code exception from EL1 (VMID 1): HVC #0x42}); an inline frame
 * stands for an inlined call and shares its pc, registers and CFA with the frame it is inlined into.
 */
public final class Frame {
    public enum Kind { NORMAL, INLINE, SIGNAL, EXCEPTION_MARKER }

    private final int level;
    private final Kind kind;
    private final long pc;
    private final long lookupPc;
    private final RegisterSet registers;
    private final long cfa;
    private final FrameSymbols symbols;
    private final int el;
    private final int vmid;
    private final TargetMemory memory;
    private final String function;
    private final long functionStart;
    private final String markerText;
    private final CfiRules rules;

    Frame(int level, Kind kind, long pc, long lookupPc, RegisterSet registers, long cfa, FrameSymbols symbols, int el,
            int vmid, TargetMemory memory, String function, long functionStart, String markerText, CfiRules rules) {
        this.level = level;
        this.kind = kind;
        this.pc = pc;
        this.lookupPc = lookupPc;
        this.registers = registers;
        this.cfa = cfa;
        this.symbols = symbols;
        this.el = el;
        this.vmid = vmid;
        this.memory = memory;
        this.function = function;
        this.functionStart = functionStart;
        this.markerText = markerText;
        this.rules = rules;
    }

    Frame withLevel(int newLevel) {
        return new Frame(newLevel, kind, pc, lookupPc, registers, cfa, symbols, el, vmid, memory, function, functionStart,
                markerText, rules);
    }

    public int level() {
        return level;
    }

    public Kind kind() {
        return kind;
    }

    /** The pc: where the PE is (level 0, an interrupted frame) or the return address (a caller). */
    public long pc() {
        return pc;
    }

    /** The address to look up CFI, functions, scopes and lines with. */
    public long lookupPc() {
        return lookupPc;
    }

    /** The registers as this frame sees them; those not recovered are unknown (gdb's {@code <not saved>}). */
    public RegisterSet registers() {
        return registers;
    }

    /** The canonical frame address (DWARF 5, 6.4: the SP at the call site), -1 when unknown. */
    public long cfa() {
        return cfa;
    }

    /** The symbol file of the frame's address space, null when there is none. */
    public FrameSymbols symbols() {
        return symbols;
    }

    public int el() {
        return el;
    }

    /** The VMID the frame's code ran under, -1 outside a VM. */
    public int vmid() {
        return vmid;
    }

    /** Memory of the frame's address space. */
    public TargetMemory memory() {
        return memory;
    }

    /** The ELF function (for an inline frame: the inlined function's name), null when no symbol covers the pc. */
    public String function() {
        return function;
    }

    /** The function's start (runtime), -1 when unknown. */
    public long functionStart() {
        return functionStart;
    }

    public boolean isExceptionMarker() {
        return kind == Kind.EXCEPTION_MARKER;
    }

    public boolean isInline() {
        return kind == Kind.INLINE;
    }

    /** The marker's text ({@code exception from EL1 (VMID 1): HVC #0x42}), null for other frames. */
    public String markerText() {
        return markerText;
    }

    /** The CFI row used to unwind this frame, null when it had none (frame-pointer or prologue analysis). */
    public CfiRules rules() {
        return rules;
    }

    /** gdb's frame identity: CFA and function start (recursion-safe stepping compares these). */
    public boolean sameIdentity(Frame o) {
        return o != null && cfa == o.cfa && functionStart == o.functionStart && el == o.el && vmid == o.vmid
                && kind == o.kind;
    }

    @Override
    public String toString() {
        if (isExceptionMarker()) {
            return "#" + level + "  <" + markerText + ">";
        }
        return String.format("#%d  0x%016x in %s (cfa 0x%x, EL%d%s)", level, pc, function == null ? "??" : function, cfa, el,
                vmid >= 0 ? " VMID " + vmid : "");
    }
}
