package io.el2studio.debug.ui.breakpoints;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import io.el2studio.debug.core.model.El2TrapBreakpoint;

/**
 * "Add EL2 Trap Breakpoint..." on the Breakpoints view: a trap filter's text, checked by TrapFilter's
 * parser as it is typed (its message shown under the field, OK disabled until it parses).
 */
public class AddTrapBreakpointHandler extends AbstractHandler {
    public static final String EXAMPLE = "DABT_LOW vmid=2 ipa=0x09000000 write";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        InputDialog d = new InputDialog(HandlerUtil.getActiveShell(event), "Add EL2 Trap Breakpoint",
                "Stop at the EL2 vector on exceptions matching (classes such as DABT_LOW, HVC64, SYS64, wfi, irq;\n"
                        + "then vmid=, pe=, from=, to=, ipa=LO[-HI], size=, reg=, imm=, x0=, read, write):",
                EXAMPLE, El2TrapBreakpoint::problem);
        if (d.open() == Window.OK) {
            try {
                DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new El2TrapBreakpoint(d.getValue()));
            } catch (CoreException e) {
                throw new ExecutionException(e.getMessage(), e);
            }
        }
        return null;
    }
}
