package io.el2studio.engine.expr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.el2studio.engine.dwarf.Cursor;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfException;
import io.el2studio.engine.unwind.Frame;

/**
 * DW_OP_entry_value and DW_OP_GNU_parameter_ref resolved as gdb 13 resolves them (gdb/dwarf2/loc.c
 * dwarf_expr_reg_to_entry_parameter): past inline frames to the real frame, the caller's call site
 * whose return address is the caller's pc (DW_TAG_call_site, DWARF 5 3.4.1, or gcc's
 * DW_TAG_GNU_call_site), that call site's callee checked to be this function, no way for the function
 * to reach itself by tail calls, then the DW_TAG_call_site_parameter for the register, whose
 * DW_AT_call_value (DW_AT_call_data_value for the dereferenced form) is evaluated in the caller's frame.
 * Every failure is gdb's NO_ENTRY_VALUE_ERROR, shown as {@code <optimized out>}.
 */
final class EntryValues {
    private EntryValues() {
    }

    static final int AT_call_parameter = 0x80, AT_call_target_clobbered = 0x84, AT_call_data_value = 0x86,
            AT_GNU_call_site_value = 0x2111, AT_GNU_call_site_data_value = 0x2112, AT_GNU_call_site_target = 0x2113,
            AT_GNU_tail_call = 0x2115;

    static long entryValue(FrameExpressionContext ctx, byte[] sub) throws ExpressionException {
        int reg;
        boolean deref = false;
        Cursor c = new Cursor("DW_OP_entry_value", sub, 0);
        try {
            int op = c.u8();
            if (op >= DwOp.reg0 && op <= DwOp.reg31 && c.atEnd()) {
                reg = op - DwOp.reg0;
            } else if (op == DwOp.regx) {
                reg = c.ulebInt();
                if (!c.atEnd()) {
                    throw unsupported();
                }
            } else if (op >= DwOp.breg0 && op <= DwOp.breg31 && c.sleb() == 0 && !c.atEnd()) {
                reg = op - DwOp.breg0;
                int d = c.u8();
                if (d == DwOp.deref_size) {
                    c.u8();
                } else if (d != DwOp.deref) {
                    throw unsupported();
                }
                if (!c.atEnd()) {
                    throw unsupported();
                }
                deref = true;
            } else {
                throw unsupported();
            }
        } catch (DwarfException e) {
            throw unsupported();
        }
        final int r = reg;
        Resolved p = parameter(ctx, param -> matchesRegister(param, r));
        return value(p, deref);
    }

    static long parameterRef(FrameExpressionContext ctx, long dieOffset) throws ExpressionException {
        Resolved p = parameter(ctx, param -> {
            if (param.has(Dw.AT_location)) {
                return false;
            }
            Die o = param.has(AT_call_parameter) ? param.ref(AT_call_parameter) : param.ref(Dw.AT_abstract_origin);
            return o != null && o.offset() == dieOffset;
        });
        return value(p, false);
    }

    private static ExpressionException unsupported() {
        return new ExpressionException("DWARF-2 expression error: DW_OP_entry_value is supported only for single "
                + "DW_OP_reg* or for DW_OP_breg*(0)+DW_OP_deref*");
    }

    private record Resolved(Die parameter, FrameExpressionContext caller) {
    }

    private static boolean matchesRegister(Die param, int reg) {
        if (!param.has(Dw.AT_location) || !param.isBlock(Dw.AT_location)) {
            return false;
        }
        byte[] b = param.block(Dw.AT_location);
        if (b.length == 1 && (b[0] & 0xff) >= DwOp.reg0 && (b[0] & 0xff) <= DwOp.reg31) {
            return (b[0] & 0xff) - DwOp.reg0 == reg;
        }
        if (b.length > 1 && (b[0] & 0xff) == DwOp.regx) {
            Cursor c = new Cursor("DW_AT_location", b, 1);
            return c.uleb() == reg && c.atEnd();
        }
        return false;
    }

    private static long value(Resolved p, boolean deref) throws ExpressionException {
        int at = deref ? AT_call_data_value : Dw.AT_call_value;
        int gnu = deref ? AT_GNU_call_site_data_value : AT_GNU_call_site_value;
        Die d = p.parameter();
        int use = d.has(at) ? at : d.has(gnu) ? gnu : -1;
        if (use < 0 || !d.isBlock(use)) {
            throw ExpressionException.optimizedOut(deref ? "Cannot resolve DW_AT_call_data_value" : "Cannot resolve DW_AT_call_value");
        }
        // DW_AT_call_value is a DWARF expression (a value), not a location (gdb appends DW_OP_stack_value)
        return DwarfExpression.value(d.block(use), p.caller());
    }

    private static Resolved parameter(FrameExpressionContext ctx, Predicate<Die> matches) throws ExpressionException {
        List<Frame> frames = ctx.frames();
        int p = ctx.index();
        while (p < frames.size() - 1 && frames.get(p).isInline()) {
            p++; // gdb: an inline frame's entry values are those of the function it is inlined into
        }
        Frame callee = frames.get(p);
        FrameExpressionContext calleeCtx = p == ctx.index() ? ctx : FrameExpressionContext.of(frames, p, ctx.scopesOf());
        Block fnBlock = calleeCtx.block() == null ? null : calleeCtx.block().outerFunction();
        if (fnBlock == null) {
            throw ExpressionException.optimizedOut("DW_OP_entry_value resolving requires a function at 0x"
                    + Long.toHexString(callee.pc()));
        }
        long funcAddr = fnBlock.entryPc() + calleeCtx.bias();
        String funcName = fnBlock.functionName();
        if (p + 1 >= frames.size() || frames.get(p + 1).isExceptionMarker()) {
            throw ExpressionException.optimizedOut("DW_OP_entry_value resolving requires caller of 0x"
                    + Long.toHexString(funcAddr) + " (" + funcName + ")");
        }
        Frame caller = frames.get(p + 1);
        Scopes cs = ctx.scopesOf().apply(caller);
        Die site = cs == null ? null : cs.callSiteAt(caller.pc());
        if (site == null) {
            throw ExpressionException.optimizedOut("DW_OP_entry_value resolving cannot find DW_TAG_call_site 0x"
                    + Long.toHexString(caller.pc()) + " in " + (caller.function() == null ? "???" : caller.function()));
        }
        FrameExpressionContext callerCtx = FrameExpressionContext.of(frames, p + 1, ctx.scopesOf()).withUnit(site.unit());
        long target = target(site, callerCtx, cs);
        if (target != funcAddr) {
            throw ExpressionException.optimizedOut("DW_OP_entry_value resolving expects callee at 0x"
                    + Long.toHexString(target) + " but the called frame is for " + funcName + " at 0x" + Long.toHexString(funcAddr));
        }
        verifyNoSelfTailCall(calleeCtx.scopes(), funcAddr);
        for (Die param : site.children()) {
            if ((param.tag() == Dw.TAG_call_site_parameter || param.tag() == Dw.TAG_GNU_call_site_parameter)
                    && matches.test(param)) {
                return new Resolved(param, callerCtx);
            }
        }
        throw ExpressionException.optimizedOut("Cannot find matching parameter at DW_TAG_call_site 0x"
                + Long.toHexString(caller.pc()) + " at " + (caller.function() == null ? "???" : caller.function()));
    }

    /**
     * The callee of a call site (gdb's read_call_site_scope and call_site::address): DW_AT_call_target
     * evaluated in the caller's frame (null frame: not possible), else DW_AT_call_origin: a declaration by
     * its ELF symbol, a definition by its entry pc.
     */
    static long target(Die site, ExpressionContext callerCtx, Scopes scopes) throws ExpressionException {
        int at = site.has(Dw.AT_call_target) ? Dw.AT_call_target : site.has(AT_GNU_call_site_target) ? AT_GNU_call_site_target : -1;
        if (at >= 0 && site.isBlock(at)) {
            if (callerCtx == null) {
                throw ExpressionException.optimizedOut("DW_AT_call_target DWARF block resolving requires known frame which "
                        + "is currently not an unwound frame");
            }
            return DwarfExpression.value(site.block(at), callerCtx);
        }
        Die origin = site.has(Dw.AT_call_origin) ? site.ref(Dw.AT_call_origin) : site.ref(Dw.AT_abstract_origin);
        if (origin == null) {
            throw ExpressionException.optimizedOut("DW_AT_call_target is not specified at DW_TAG_call_site");
        }
        if (origin.has(Dw.AT_declaration)) {
            String name = origin.has(Dw.AT_linkage_name) ? origin.string(Dw.AT_linkage_name) : origin.nameInherited();
            long a = name == null ? -1 : scopes.elfFunction(name);
            if (a == -1) {
                throw ExpressionException.optimizedOut("Cannot find function \"" + name + "\" for a call site target");
            }
            return a;
        }
        long[] r = PcRanges.of(origin);
        if (r.length == 0) {
            throw ExpressionException.optimizedOut("DW_AT_call_target target DIE has invalid low pc");
        }
        return (origin.has(Dw.AT_low_pc) ? origin.lowPc() : r[0]) + scopes.bias();
    }

    /** gdb's func_verify_no_selftailcall: entry values are unreliable in a function that may tail-call itself. */
    private static void verifyNoSelfTailCall(Scopes scopes, long verify) throws ExpressionException {
        Deque<Long> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.push(verify);
        while (!todo.isEmpty()) {
            long addr = todo.pop();
            Die fn = scopes.subprogramEntryAt(addr);
            if (fn == null) {
                throw ExpressionException.optimizedOut("DW_TAG_call_site resolving failed to find function name for address 0x"
                        + Long.toHexString(addr));
            }
            for (Die site : scopes.tailCallSites(fn)) {
                long t = target(site, null, scopes);
                if (t == verify) {
                    throw ExpressionException.optimizedOut("DW_OP_entry_value resolving has found function \""
                            + fn.nameInherited() + "\" at 0x" + Long.toHexString(verify) + " can call itself via tail calls");
                }
                if (seen.add(t)) {
                    todo.push(t);
                }
            }
        }
    }
}
