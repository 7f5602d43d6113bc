package io.el2studio.debug.ui.breakpoints;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import io.el2studio.debug.core.model.El2AddressBreakpoint;

/** "Add Address Breakpoint..." on the Breakpoints view: a breakpoint on an instruction address (hex). */
public class AddAddressBreakpointHandler extends AbstractHandler {

    /** The address typed, or the one-line problem with it (null when it is an address). */
    public static String problem(String text) {
        try {
            parse(text);
            return null;
        } catch (NumberFormatException e) {
            return "'" + text.strip() + "' is not an address (hex 0x40000000, or decimal)";
        }
    }

    public static long parse(String text) {
        String s = text.strip().replace("_", "");
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseUnsignedLong(s);
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        InputDialog d = new InputDialog(HandlerUtil.getActiveShell(event), "Add Address Breakpoint",
                "Instruction address (a virtual address of the PE's current regime):", "0x", AddAddressBreakpointHandler::problem);
        if (d.open() == Window.OK) {
            try {
                DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new El2AddressBreakpoint(parse(d.getValue())));
            } catch (CoreException e) {
                throw new ExecutionException(e.getMessage(), e);
            }
        }
        return null;
    }
}
