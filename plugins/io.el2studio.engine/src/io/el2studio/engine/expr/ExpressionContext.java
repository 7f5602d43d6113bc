package io.el2studio.engine.expr;

import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.target.TargetMemory;

/**
 * What a DWARF expression reads from a stopped frame (DWARF 5, 2.5.1: "the context of evaluation"):
 * registers of the frame, memory of its address space, the frame base and the CFA, the unit whose
 * base types and .debug_addr entries the operands name, and, for DW_OP_entry_value, the values the
 * caller passed. Every accessor may refuse with an {@link ExpressionException}; the defaults refuse.
 *
 * <p>The unwinder uses a context with registers and memory only (DW_CFA_def_cfa_expression,
 * DW_CFA_expression); variables use {@link FrameExpressionContext}.
 */
public interface ExpressionContext {

    /** Register {@code reg} (DWARF number) of this frame, the low 64 bits of a V register. */
    long register(int reg) throws ExpressionException;

    /** The frame's memory, or null when there is none (then any memory access is an error). */
    TargetMemory memory();

    /** The value of the function's DW_AT_frame_base (DW_OP_fbreg). */
    default long frameBase() throws ExpressionException {
        throw new ExpressionException("DW_OP_fbreg outside a function (no frame base)");
    }

    /** The canonical frame address of this frame (DW_OP_call_frame_cfa, DWARF 5 6.4). */
    default long cfa() throws ExpressionException {
        throw new ExpressionException("the frame's CFA is not known");
    }

    /** The unit the expression belongs to (base types, DW_OP_addrx/constx, call2/call4), or null. */
    default Unit unit() {
        return null;
    }

    /** Added to addresses of the file (DW_OP_addr, DW_OP_addrx): runtime address = link address + bias. */
    default long bias() {
        return 0;
    }

    /** The pc the frame is at, for location lists (the lookup pc: pc - 1 in a caller frame), -1 if unknown. */
    default long pc() {
        return -1;
    }

    /** The runtime entry address of the frame's function (a location list's empty entry-pc ranges), -1 if unknown. */
    default long functionEntry() {
        return -1;
    }

    /**
     * The value {@code expression} (the operand block of DW_OP_entry_value, DWARF 5 2.5.1.7: usually
     * one DW_OP_regN, or DW_OP_bregN 0; DW_OP_deref_size) had when the current function was entered.
     * gdb finds it at the caller's call site (DW_TAG_call_site_parameter); without one it is optimized out.
     */
    default long entryValue(byte[] expression) throws ExpressionException {
        throw ExpressionException.optimizedOut("no caller to take the entry value from");
    }

    /**
     * The value the caller passed for the formal parameter at .debug_info offset {@code dieOffset}
     * (DW_OP_GNU_parameter_ref: the call site parameter whose DW_AT_call_parameter names it).
     */
    default long parameterRef(long dieOffset) throws ExpressionException {
        throw ExpressionException.optimizedOut("no caller to take the parameter value from");
    }

    /** The object address DW_OP_push_object_address pushes (DWARF 5 2.5.1.3). */
    default long objectAddress() throws ExpressionException {
        throw new ExpressionException("DW_OP_push_object_address without an object");
    }
}
