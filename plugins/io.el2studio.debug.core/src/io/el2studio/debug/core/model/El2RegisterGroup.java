package io.el2studio.debug.core.model;

import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;

/** A group of the Registers view (General, EL1, EL2, ...) of one PE. */
public final class El2RegisterGroup extends El2DebugElement implements IRegisterGroup {
    private final El2Thread thread;
    private final RegisterLayout.Group group;
    private final El2Register[] registers;

    El2RegisterGroup(El2Thread thread, RegisterLayout.Group group) {
        super(thread.getDebugTarget());
        this.thread = thread;
        this.group = group;
        registers = new El2Register[group.registers().size()];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = new El2Register(this, group.registers().get(i));
        }
    }

    El2Thread thread() {
        return thread;
    }

    @Override
    public String getName() {
        return group.name();
    }

    @Override
    public IRegister[] getRegisters() {
        return registers.clone();
    }

    @Override
    public boolean hasRegisters() {
        return registers.length > 0;
    }
}
