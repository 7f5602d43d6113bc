package io.el2studio.debug.ui.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.debug.ui.contexts.IDebugContextService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.part.ViewPart;

import io.el2studio.debug.core.model.El2DebugTarget;
import io.el2studio.debug.core.model.El2Thread;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * The controls of EL2 (and SCR_EL3 above it) field by field, for the selected PE while it is
 * suspended: one row per named field of the system-register table (bit range, name, value, the
 * table's one-line meaning), HCR_EL2 first. A double-click (or Enter) on a one-bit RW field flips it,
 * written through the Registers view's path (IRegister.setValue of the debug model, applied on the
 * simulation thread as MSR would). The search box keeps the rows whose register, field or meaning
 * contains the text ("TWI" finds HCR_EL2.TWI).
 */
public class El2ControlsView extends ViewPart implements IDebugContextListener, IDebugEventSetListener {
    public static final String ID = "io.el2studio.debug.ui.views.el2Controls";
    public static final String NO_TARGET = TrapHistoryView.NO_TARGET;
    /** The registers, in the order a hypervisor engineer reads them (those the table models). */
    static final List<String> REGISTERS = List.of("HCR_EL2", "SCR_EL3", "VTCR_EL2", "VTTBR_EL2", "SCTLR_EL2", "TCR_EL2",
            "CPTR_EL2", "MDCR_EL2", "CNTHCTL_EL2", "CNTVOFF_EL2", "VPIDR_EL2", "VMPIDR_EL2", "ICH_HCR_EL2", "ICH_VMCR_EL2",
            "HSTR_EL2", "HACR_EL2");

    /** A row: a register (field null) or one of its fields. */
    record Row(SysReg reg, SysReg.Field field) {
        boolean toggles() {
            return field != null && field.msb() == field.lsb() && field.attr() == SysReg.Attr.RW && reg.writable();
        }
    }

    private final List<SysReg> registers = new ArrayList<>();
    private Tree tree;
    private Text search;
    private Label status;
    private IDebugContextService contexts;
    private El2Context context = El2Context.NONE;
    /** The values of the current stop, by register name (empty while running or with no target). */
    private Map<String, Long> values = Map.of();
    private int generation; // of the reads: an answer for an older selection is dropped

    @Override
    public void createPartControl(Composite parent) {
        for (String name : REGISTERS) {
            SysReg r = SysRegTable.byName(name);
            if (r != null && r.modelled() && r.readable()) {
                registers.add(r);
            }
        }
        parent.setLayout(new GridLayout(2, false));
        search = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("search fields (e.g. TWI, VMID, stage 2)");
        search.setLayoutData(new GridData(300, SWT.DEFAULT));
        search.addModifyListener(e -> rebuild());
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        tree = new Tree(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.SINGLE);
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        String[] columns = { "Register / field", "Bits", "Value", "Meaning" };
        int[] widths = { 200, 70, 170, 600 };
        for (int i = 0; i < columns.length; i++) {
            TreeColumn c = new TreeColumn(tree, SWT.LEFT);
            c.setText(columns[i]);
            c.setWidth(widths[i]);
        }
        tree.addListener(SWT.DefaultSelection, e -> {
            if (e.item instanceof TreeItem item && item.getData() instanceof Row row && row.toggles()) {
                toggle(row);
            }
        });
        tree.setToolTipText("Double-click a one-bit field to flip it (while the PE is suspended)");
        contexts = DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow());
        contexts.addDebugContextListener(this);
        DebugPlugin.getDefault().addDebugEventListener(this);
        select(El2Context.of(contexts.getActiveContext()));
    }

    @Override
    public void debugContextChanged(DebugContextEvent event) {
        select(El2Context.of(event.getContext()));
    }

    /** Suspend, resume, a register written, the target ended: read again. On any thread. */
    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        El2DebugTarget t = context.target();
        if (t == null) {
            return;
        }
        for (DebugEvent e : events) {
            if (e.getSource() instanceof IDebugElement d && d.getDebugTarget() == t
                    && (e.getKind() & (DebugEvent.SUSPEND | DebugEvent.RESUME | DebugEvent.CHANGE | DebugEvent.TERMINATE)) != 0) {
                Display d2 = tree.getDisplay();
                if (!d2.isDisposed()) {
                    d2.asyncExec(() -> {
                        if (!tree.isDisposed()) {
                            select(t.isTerminated() ? El2Context.NONE : context);
                        }
                    });
                }
                return;
            }
        }
    }

    /** Shows the selection's PE: reads its registers off the UI thread (Simulation.call), then fills the tree. */
    private void select(El2Context c) {
        context = c;
        int gen = ++generation;
        values = Map.of();
        El2DebugTarget t = c.target();
        if (t == null || !suspended(c)) {
            status.setText(t == null ? NO_TARGET : "PE" + c.pe() + " running: values shown when suspended");
            rebuild();
            return;
        }
        status.setText("reading PE" + c.pe() + "...");
        Simulation sim = t.session().simulation();
        int pe = c.pe();
        Display display = tree.getDisplay();
        Thread reader = new Thread(() -> {
            Map<String, Long> read = new LinkedHashMap<>();
            String error = null;
            try {
                read = sim.call(b -> {
                    Map<String, Long> m = new LinkedHashMap<>();
                    for (SysReg r : registers) {
                        m.put(r.name, r.read(b.cpu(pe)));
                    }
                    return m;
                }, 5000);
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
            Map<String, Long> result = read;
            String problem = error;
            display.asyncExec(() -> {
                if (tree.isDisposed() || gen != generation) {
                    return;
                }
                values = result;
                status.setText(problem != null ? "registers unavailable: " + problem : "PE" + pe + " suspended");
                rebuild();
            });
        }, "EL2 Studio EL2 controls");
        reader.setDaemon(true);
        reader.start();
    }

    private static boolean suspended(El2Context c) {
        return c.thread() != null ? c.thread().isSuspended() : c.target().isSuspended();
    }

    private String searchText() {
        return search.getText().strip().toLowerCase(Locale.ROOT);
    }

    private static boolean matches(SysReg r, SysReg.Field f, String s) {
        String text = (r.name + "." + f.name() + " " + f.meaning()).toLowerCase(Locale.ROOT);
        return text.contains(s);
    }

    /** The tree for the current values and search text; the expanded registers stay expanded. */
    private void rebuild() {
        List<String> expanded = new ArrayList<>();
        for (TreeItem i : tree.getItems()) {
            if (i.getExpanded()) {
                expanded.add(i.getText(0));
            }
        }
        boolean first = tree.getItemCount() == 0;
        String s = searchText();
        tree.setRedraw(false);
        try {
            tree.removeAll();
            for (SysReg r : registers) {
                boolean regMatches = s.isEmpty() || r.name.toLowerCase(Locale.ROOT).contains(s);
                List<SysReg.Field> fields = new ArrayList<>();
                for (SysReg.Field f : r.fields()) {
                    // RES0/RES1 bits carry no control (as the Registers view's field rows leave them out)
                    if (f.attr() != SysReg.Attr.RES0 && f.attr() != SysReg.Attr.RES1 && (regMatches || matches(r, f, s))) {
                        fields.add(f);
                    }
                }
                if (!regMatches && fields.isEmpty()) {
                    continue;
                }
                Long v = values.get(r.name);
                TreeItem item = new TreeItem(tree, SWT.NONE);
                item.setData(new Row(r, null));
                item.setText(new String[] { r.name, "[63:0]", v == null ? "" : String.format("0x%016x", v), "" });
                for (SysReg.Field f : fields) {
                    TreeItem fi = new TreeItem(item, SWT.NONE);
                    Row row = new Row(r, f);
                    fi.setData(row);
                    String bits = f.msb() == f.lsb() ? "[" + f.lsb() + "]" : "[" + f.msb() + ":" + f.lsb() + "]";
                    String value = v == null ? "" : fieldValue(f, v);
                    fi.setText(new String[] { f.name(), bits, value, f.meaning() == null ? "" : f.meaning() });
                }
                item.setExpanded(!s.isEmpty() || expanded.contains(r.name) || first && r.name.equals("HCR_EL2"));
            }
        } finally {
            tree.setRedraw(true);
        }
    }

    /** A field's value: the bit for one-bit fields, else hex. */
    static String fieldValue(SysReg.Field f, long registerValue) {
        long x = f.get(registerValue);
        return f.msb() == f.lsb() ? Long.toString(x) : String.format("0x%x", x);
    }

    /** Flips a one-bit field: the new register value through the debug model's register (the Registers view's path). */
    private void toggle(Row row) {
        Long v = values.get(row.reg().name);
        El2Thread thread = context.thread() != null ? context.thread() : firstThread(context.target());
        if (v == null || thread == null || !thread.isSuspended()) {
            status.setText("flip " + row.reg().name + "." + row.field().name() + ": the PE is not suspended");
            return;
        }
        long next = v ^ row.field().mask();
        try {
            IRegister reg = register(thread, row.reg().name);
            if (reg == null) {
                status.setText(row.reg().name + " is not in the Registers view's groups: not written");
                return;
            }
            reg.setValue(String.format("0x%x", next));
            status.setText("writing " + row.reg().name + "." + row.field().name() + " = " + row.field().get(next));
        } catch (DebugException e) {
            status.setText("write " + row.reg().name + ": " + e.getMessage());
        }
    }

    private static El2Thread firstThread(El2DebugTarget t) {
        if (t == null) {
            return null;
        }
        for (IThread th : t.getThreads()) {
            if (th instanceof El2Thread e) {
                return e;
            }
        }
        return null;
    }

    private static IRegister register(El2Thread thread, String name) throws DebugException {
        IStackFrame frame = thread.getTopStackFrame();
        if (frame == null) {
            return null;
        }
        for (IRegisterGroup g : frame.getRegisterGroups()) {
            for (IRegister r : g.getRegisters()) {
                if (r.getName().equals(name)) {
                    return r;
                }
            }
        }
        return null;
    }

    // ---- for tests ----

    /** Flips REG.FIELD as a double-click on its row does; false if the row is not shown or not a one-bit field. */
    public boolean flip(String reg, String field) {
        for (TreeItem i : tree.getItems()) {
            for (TreeItem f : i.getItems()) {
                if (f.getData() instanceof Row row && row.reg().name.equals(reg) && row.field().name().equals(field) && row.toggles()) {
                    toggle(row);
                    return true;
                }
            }
        }
        return false;
    }

    public Tree tree() {
        return tree;
    }

    public void setSearch(String text) {
        search.setText(text);
    }

    public String statusText() {
        return status.getText();
    }

    @Override
    public void setFocus() {
        tree.setFocus();
    }

    @Override
    public void dispose() {
        if (contexts != null) {
            contexts.removeDebugContextListener(this);
        }
        DebugPlugin.getDefault().removeDebugEventListener(this);
        super.dispose();
    }
}
