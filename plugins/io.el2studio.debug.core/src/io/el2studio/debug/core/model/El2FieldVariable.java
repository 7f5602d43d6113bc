package io.el2studio.debug.core.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import io.el2studio.sim.sysreg.SysReg;

/**
 * A named field of a register, as the system-register table defines it: {@code TWI [13]} with the
 * value {@code 1  Traps EL0 and EL1 execution of WFI to EL2}. Writing it writes the register with
 * the field replaced (read-modify-write of the stop's value).
 */
public final class El2FieldVariable extends El2DebugElement implements IVariable {
    private final El2Register register;
    private final SysReg.Field field;

    El2FieldVariable(El2Register register, SysReg.Field field) {
        super(register.getDebugTarget());
        this.register = register;
        this.field = field;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof El2FieldVariable v && v.register == register && v.field.equals(field);
    }

    @Override
    public int hashCode() {
        return register.hashCode() * 31 + field.hashCode();
    }

    public SysReg.Field field() {
        return field;
    }

    public El2Register register() {
        return register;
    }

    Long current() {
        Long v = register.current();
        return v == null ? null : field.get(v);
    }

    @Override
    public IValue getValue() {
        return new FieldValue(current());
    }

    @Override
    public String getName() {
        return field.name() + (field.msb() == field.lsb() ? " [" + field.lsb() + "]" : " [" + field.msb() + ":" + field.lsb() + "]");
    }

    @Override
    public String getReferenceTypeName() {
        return field.meaning();
    }

    @Override
    public boolean hasValueChanged() {
        El2DebugTarget t = (El2DebugTarget) getDebugTarget();
        Snapshot prev = t.previousSnapshot();
        Long now = current();
        return prev != null && now != null && field.get(register.valueIn(prev.pes[register.thread().pe()])) != now;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        long v = El2Register.parse(expression);
        int width = field.msb() - field.lsb() + 1;
        if (width < 64 && (v >>> width) != 0) {
            throw error("'" + expression.strip() + "' does not fit in " + field.name() + " (" + width + " bits)");
        }
        Long reg = register.current();
        if (reg == null) {
            throw error("the PE is running: suspend it to write " + register.getName() + "." + field.name());
        }
        long mask = field.mask();
        register.write((reg & ~mask) | ((v << field.lsb()) & mask));
    }

    @Override
    public void setValue(IValue value) throws DebugException {
        setValue(value.getValueString());
    }

    @Override
    public boolean supportsValueModification() {
        return register.supportsValueModification() && field.attr() != SysReg.Attr.RO;
    }

    @Override
    public boolean verifyValue(String expression) {
        try {
            long v = El2Register.parse(expression);
            int width = field.msb() - field.lsb() + 1;
            return width >= 64 || (v >>> width) == 0;
        } catch (DebugException e) {
            return false;
        }
    }

    @Override
    public boolean verifyValue(IValue value) throws DebugException {
        return verifyValue(value.getValueString());
    }

    private final class FieldValue extends El2DebugElement implements IValue {
        private final Long value;

        FieldValue(Long value) {
            super(register.getDebugTarget());
            this.value = value;
        }

        @Override
        public String getReferenceTypeName() {
            return field.meaning();
        }

        @Override
        public String getValueString() {
            if (value == null) {
                return "<running>";
            }
            String n = field.msb() == field.lsb() ? Long.toString(value) : String.format("0x%x", value);
            return n + "  " + field.meaning();
        }

        @Override
        public boolean isAllocated() {
            return true;
        }

        @Override
        public IVariable[] getVariables() {
            return new IVariable[0];
        }

        @Override
        public boolean hasVariables() {
            return false;
        }
    }
}
