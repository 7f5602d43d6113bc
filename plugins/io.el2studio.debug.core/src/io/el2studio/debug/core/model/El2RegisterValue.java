package io.el2studio.debug.core.model;

import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** A register's value at the current stop: {@code 0x0000000080000000}; its fields are its variables. */
final class El2RegisterValue extends El2DebugElement implements IValue {
    private final El2Register register;
    private final Long value;

    El2RegisterValue(El2Register register) {
        super(register.getDebugTarget());
        this.register = register;
        this.value = register.current();
    }

    @Override
    public String getReferenceTypeName() {
        return "uint64_t";
    }

    @Override
    public String getValueString() {
        return value == null ? "<running>" : String.format("0x%016x", value);
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public IVariable[] getVariables() {
        return value == null ? new IVariable[0] : register.fieldVariables();
    }

    @Override
    public boolean hasVariables() {
        return value != null && !register.def.fields().isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof El2RegisterValue v && v.register == register && java.util.Objects.equals(v.value, value);
    }

    @Override
    public int hashCode() {
        return register.hashCode() * 31 + java.util.Objects.hashCode(value);
    }
}
