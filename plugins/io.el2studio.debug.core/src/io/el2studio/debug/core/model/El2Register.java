package io.el2studio.debug.core.model;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import io.el2studio.sim.cpu.Cpu;

/**
 * A register of one PE: value from the stop's snapshot (hex, fixed width), its named fields as
 * children, writable while suspended. A write is queued to the target's thread and applied on the
 * simulation thread (as MSR would for a system register: RES0/RES1 bits kept), then the view refreshes.
 */
public final class El2Register extends El2DebugElement implements IRegister {
    private final El2RegisterGroup group;
    final RegisterLayout.Def def;

    El2Register(El2RegisterGroup group, RegisterLayout.Def def) {
        super(group.getDebugTarget());
        this.group = group;
        this.def = def;
    }

    El2Thread thread() {
        return group.thread();
    }

    /** The value at the current stop, or null while the PE runs. */
    Long current() {
        Snapshot.Pe st = thread().state();
        return st == null ? null : valueIn(st);
    }

    long valueIn(Snapshot.Pe st) {
        return switch (def.kind()) {
            case X -> st.x()[def.index()];
            case SP -> st.sp();
            case PC -> st.pc();
            case PSTATE -> st.pstate();
            case SYSREG -> st.sysreg(def.name());
        };
    }

    @Override
    public IRegisterGroup getRegisterGroup() {
        return group;
    }

    @Override
    public IValue getValue() {
        return new El2RegisterValue(this);
    }

    @Override
    public String getName() {
        return def.name();
    }

    @Override
    public String getReferenceTypeName() {
        return "uint64_t";
    }

    @Override
    public boolean hasValueChanged() {
        El2DebugTarget t = (El2DebugTarget) getDebugTarget();
        Snapshot prev = t.previousSnapshot();
        Long now = current();
        return prev != null && now != null && valueIn(prev.pes[thread().pe()]) != now;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        long v = parse(expression);
        write(v);
    }

    /** Writes {@code value} to the register on the simulation thread, then refreshes the views. */
    void write(long value) {
        El2DebugTarget t = (El2DebugTarget) getDebugTarget();
        int pe = thread().pe();
        t.submit(() -> {
            t.simulation().call(b -> {
                Cpu c = b.cpu(pe);
                switch (def.kind()) {
                    case X -> c.x[def.index()] = value;
                    case SP -> c.setSp(value);
                    case PC -> c.pc = value;
                    case PSTATE -> c.spsrToPstate(value);
                    case SYSREG -> def.sysreg().write(c, value);
                }
                return null;
            }, 5000);
            t.refreshSnapshot();
            fireChangeEvent(DebugEvent.CONTENT);
        });
    }

    @Override
    public void setValue(IValue value) throws DebugException {
        setValue(value.getValueString());
    }

    @Override
    public boolean supportsValueModification() {
        return def.writable() && thread().state() != null;
    }

    @Override
    public boolean verifyValue(String expression) {
        try {
            parse(expression);
            return true;
        } catch (DebugException e) {
            return false;
        }
    }

    @Override
    public boolean verifyValue(IValue value) throws DebugException {
        return verifyValue(value.getValueString());
    }

    /** A number as an engineer types it: 0x hex, 0b binary, decimal; the first word of the text. */
    static long parse(String text) throws DebugException {
        String s = text.strip().split("\\s+")[0].replace("_", "");
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.startsWith("0b") || s.startsWith("0B")) {
                return Long.parseUnsignedLong(s.substring(2), 2);
            }
            return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw error("'" + text.strip() + "' is not a number (hex 0x..., binary 0b..., or decimal)");
        }
    }

    IVariable[] fieldVariables() {
        IVariable[] out = new IVariable[def.fields().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new El2FieldVariable(this, def.fields().get(i));
        }
        return out;
    }
}
