package io.el2studio.debug.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

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
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;

import io.el2studio.debug.core.model.El2DebugTarget;
import io.el2studio.debug.core.symbols.ProgramInfo;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.trace.TrapFilter;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The exceptions taken to EL2 and EL3 by the selected launch's simulator (its TrapRecorder), newest
 * last, one row each: the syndrome a hypervisor engineer reads after a trap (ESR_ELx, FAR_ELx,
 * HPFAR_EL2, ELR_ELx; Arm ARM D1.10 and D17.2.37 ESR_EL2). A virtual table: rows are made when
 * shown. The records come from the recorder's listener on the simulation thread into a queue the
 * UI thread drains (asyncExec), so the view never waits on the simulation.
 */
public class TrapHistoryView extends ViewPart implements IDebugContextListener {
    public static final String ID = "io.el2studio.debug.ui.views.trapHistory";
    public static final String NO_TARGET = "No target: select an EL2 Studio launch in the Debug view";
    /** The recorder's history bound (TrapRecorder of VirtBoard keeps 4096). */
    static final int MAX_ROWS = 4096;
    static final String[] COLUMNS = { "#", "PE", "from EL", "VMID", "exit", "ESR", "ISS decoded", "ELR", "FAR", "HPFAR" };
    private static final int[] WIDTHS = { 50, 35, 65, 50, 90, 100, 380, 160, 130, 110 };

    /** One trap and its row's texts (made once, for the filter and the table). */
    private record Row(TrapRecord record, String[] texts, String joined) {
    }

    private Table table;
    private Text filter;
    private Label status;
    private IDebugContextService contexts;
    private El2DebugTarget target;
    private long sequence; // number of the next record of the target (its # column)
    private final List<Row> rows = new ArrayList<>();
    private final List<Row> shown = new ArrayList<>();
    /** Records from the listener of the current target, not yet in rows. */
    private volatile ConcurrentLinkedQueue<TrapRecord> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Recorders this view listens to (a TrapRecorder's listeners cannot be removed: one per board). */
    private final Set<Simulation> listening = java.util.Collections.newSetFromMap(new WeakHashMap<>());

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("filter (e.g. DABT_LOW, VMID 2, 0x9000000)");
        filter.setLayoutData(new GridData(300, SWT.DEFAULT));
        filter.addModifyListener(e -> applyFilter());
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.BORDER | SWT.MULTI);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, i < 4 ? SWT.RIGHT : SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            int index = table.indexOf(item);
            if (index < shown.size()) {
                item.setText(shown.get(index).texts());
            }
        });
        contexts = DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow());
        contexts.addDebugContextListener(this);
        show(El2Context.of(contexts.getActiveContext()).target());
    }

    @Override
    public void debugContextChanged(DebugContextEvent event) {
        show(El2Context.of(event.getContext()).target());
    }

    /** Shows the traps of {@code t} (null: none). On the UI thread. */
    private void show(El2DebugTarget t) {
        if (t == target && t != null) {
            return;
        }
        target = t;
        rows.clear();
        sequence = 0;
        incoming = new ConcurrentLinkedQueue<>();
        current = t == null ? null : t.session().simulation();
        applyFilter();
        if (t == null) {
            return;
        }
        status.setText("reading the trap history...");
        ConcurrentLinkedQueue<TrapRecord> queue = incoming;
        Simulation sim = t.session().simulation();
        boolean subscribe = listening.add(sim);
        Display display = table.getDisplay();
        // on the simulation thread, between two instructions: the history so far and, from then on, each
        // new record by the listener, so none is missed or counted twice
        Thread reader = new Thread(() -> {
            List<TrapRecord> history;
            try {
                history = sim.call(b -> {
                    if (subscribe) {
                        b.traps.addListener(r -> {
                            if (sim == currentSimulation()) {
                                incoming.add(r);
                                scheduleDrain(display);
                            }
                        });
                    }
                    return b.traps.history();
                }, 10_000);
            } catch (RuntimeException e) {
                display.asyncExec(() -> {
                    if (!status.isDisposed() && target == t) {
                        status.setText("trap history unavailable: " + e.getMessage());
                    }
                });
                return;
            }
            display.asyncExec(() -> {
                if (table.isDisposed() || target != t) {
                    return;
                }
                add(history);
                // a listener of an earlier selection of this target may have queued records the history has
                Set<TrapRecord> seen = new java.util.HashSet<>(history);
                while (queue.peek() != null && seen.contains(queue.peek())) {
                    queue.poll();
                }
                drain();
            });
        }, "EL2 Studio trap history");
        reader.setDaemon(true);
        reader.start();
    }

    private volatile Simulation current;

    private Simulation currentSimulation() {
        return current;
    }

    private void scheduleDrain(Display display) {
        if (drainScheduled.compareAndSet(false, true) && !display.isDisposed()) {
            display.asyncExec(() -> {
                drainScheduled.set(false);
                if (!table.isDisposed()) {
                    drain();
                }
            });
        }
    }

    private void drain() {
        List<TrapRecord> batch = new ArrayList<>();
        for (TrapRecord r; (r = incoming.poll()) != null;) {
            batch.add(r);
        }
        add(batch);
    }

    private void add(List<TrapRecord> records) {
        if (target == null) {
            return;
        }
        ProgramInfo program = target.session().program();
        String f = filterText();
        boolean trimmed = false;
        for (TrapRecord r : records) {
            String[] texts = texts(++sequence, r, program);
            // the filter reads the whole one-line description ("... from EL1 VMID 2, IPA ..."), the column its detail
            Row row = new Row(r, texts, (String.join(" ", texts) + " " + TrapFilter.describe(r, 0)).toLowerCase(Locale.ROOT));
            rows.add(row);
            if (matches(row, f)) {
                shown.add(row);
            }
        }
        while (rows.size() > MAX_ROWS) {
            Row old = rows.remove(0);
            trimmed |= !shown.isEmpty() && shown.get(0) == old && shown.remove(0) == old;
        }
        if (trimmed) {
            table.clearAll();
        }
        table.setItemCount(shown.size());
        updateStatus();
    }

    /** The texts of one row. ELR as {@code function+offset} when the image's symbols cover it (EL2 code). */
    static String[] texts(long number, TrapRecord r, ProgramInfo program) {
        String elr = program != null && r.fromEl() == r.toEl() ? program.describe(r.elr()) : String.format("0x%x", r.elr());
        return new String[] { Long.toString(number), Integer.toString(r.pe()), "EL" + r.fromEl(),
                r.fromEl() < 2 ? Integer.toString(r.vmid()) : "-", r.shortName(), String.format("0x%x", r.esr()),
                detail(TrapFilter.describe(r, 0)), elr, String.format("0x%x", r.far()), String.format("0x%x", r.hpfar()) };
    }

    /**
     * The ISS part of TrapFilter's description: what follows "EL2 trap: DABT_LOW from EL1 VMID 2, " (the
     * columns before say it), e.g. "IPA 0x9000000, write, 4 bytes, X1"; the whole text when there is no more.
     */
    static String detail(String description) {
        int comma = description.indexOf(", ");
        return comma < 0 ? description : description.substring(comma + 2);
    }

    private String filterText() {
        return filter.getText().strip().toLowerCase(Locale.ROOT);
    }

    private static boolean matches(Row row, String f) {
        return f.isEmpty() || row.joined().contains(f);
    }

    private void applyFilter() {
        String f = filterText();
        shown.clear();
        for (Row r : rows) {
            if (matches(r, f)) {
                shown.add(r);
            }
        }
        table.clearAll();
        table.setItemCount(shown.size());
        updateStatus();
    }

    private void updateStatus() {
        if (target == null) {
            status.setText(NO_TARGET);
        } else {
            status.setText(shown.size() == rows.size() ? rows.size() + " traps" : shown.size() + " of " + rows.size() + " traps");
        }
        status.getParent().layout(new org.eclipse.swt.widgets.Control[] { status });
    }

    // ---- for tests ----

    /** The records shown, in table order. */
    public List<TrapRecord> shownRecords() {
        return shown.stream().map(Row::record).toList();
    }

    /** The status line (NO_TARGET when none is selected). */
    public String statusText() {
        return status.getText();
    }

    public Table table() {
        return table;
    }

    public void setFilter(String text) {
        filter.setText(text);
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        if (contexts != null) {
            contexts.removeDebugContextListener(this);
        }
        current = null;
        super.dispose();
    }
}
