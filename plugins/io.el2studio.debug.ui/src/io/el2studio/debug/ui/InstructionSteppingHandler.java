package io.el2studio.debug.ui;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

import io.el2studio.debug.core.model.SteppingMode;

/** "Instruction Stepping Mode" on the Debug view's toolbar (CDT's convention): steps become single instructions. */
public class InstructionSteppingHandler extends AbstractHandler {
    public static final String COMMAND_ID = "io.el2studio.debug.ui.instructionStepping";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Command command = event.getCommand();
        boolean wasOn = HandlerUtil.toggleCommandState(command);
        SteppingMode.setInstructionStepping(!wasOn);
        return null;
    }
}
