package io.el2studio.sim.sysreg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.el2studio.sim.cpu.Cpu;

/**
 * The one table of AArch64 system registers: every register objdump can name (so that every MRS
 * and MSR disassembles as GNU objdump prints it), of which the modelled ones carry storage, reset
 * value, access checks and named fields. The same rows drive MRS/MSR execution ({@link SysRegExec}),
 * the disassembler, and (later) the GDB target description and the Eclipse register views.
 * Registers that are named but not modelled are UNDEFINED when accessed, with a log line.
 */
public final class SysRegTable {
    /** Size of {@link Cpu#sysregSlots}; {@link SysReg#slot()} allocates from it. */
    public static final int SLOT_COUNT = 192;
    private static int slotsUsed;

    private static final SysReg[] BY_KEY = new SysReg[1 << 16];
    private static final Map<String, SysReg> BY_NAME = new HashMap<>();
    private static final List<SysReg> ALL = new ArrayList<>();

    static {
        List<SysReg> rows = new ArrayList<>();
        CoreRegs.addTo(rows);
        El2Regs.addTo(rows);
        IdRegs.addTo(rows);
        GicRegs.addTo(rows);
        VheRegs.addTo(rows);
        KnownRegs.addTo(rows);
        for (SysReg r : rows) {
            if (BY_KEY[r.key()] != null) {
                continue; // the modelled row, added first, wins over the name-only row
            }
            BY_KEY[r.key()] = r;
            BY_NAME.putIfAbsent(r.name, r);
            ALL.add(r);
        }
        // The ID register space op0=3, op1=0, CRn=0, CRm=1..7 is "reserved, RAZ" where no register is
        // allocated (Arm ARM D19.1.2): software probes newer ID registers and must read zero.
        for (int crm = 1; crm <= 7; crm++) {
            for (int op2 = 0; op2 < 8; op2++) {
                int k = SysReg.key(3, 0, 0, crm, op2);
                SysReg old = BY_KEY[k];
                if (old != null && old.modelled) {
                    continue;
                }
                SysReg r = new SysReg(old != null ? old.name : String.format("S3_0_C0_C%d_%d", crm, op2), 3, 0, 0, crm, op2)
                        .value(c -> 0).group(SysReg.TrapGroup.TID3).note("reserved ID register: RAZ")
                        .fields("63:0 !RAZ Reserved ID register, reads as zero");
                BY_KEY[k] = r;
                if (old != null) {
                    ALL.set(ALL.indexOf(old), r);
                    BY_NAME.put(r.name, r);
                } else {
                    ALL.add(r);
                }
            }
        }
    }

    private SysRegTable() {
    }

    static int allocateSlot() {
        if (slotsUsed == SLOT_COUNT) {
            throw new IllegalStateException("SysRegTable.SLOT_COUNT too small");
        }
        return slotsUsed++;
    }

    /** Every register of the table, modelled or not, in table order. */
    public static List<SysReg> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** By canonical name ({@code HCR_EL2}), case-insensitive; null when unknown. */
    public static SysReg byName(String name) {
        return BY_NAME.get(name.toUpperCase());
    }

    /** By op0..op2; null when the encoding names no register. */
    public static SysReg byEncoding(int op0, int op1, int crn, int crm, int op2) {
        return BY_KEY[SysReg.key(op0, op1, crn, crm, op2)];
    }

    /** By the 16-bit key (bits 20:5 of an MRS/MSR word); null when none. */
    public static SysReg byKey(int key) {
        return BY_KEY[key & 0xFFFF];
    }

    /**
     * The operand objdump prints for an MRS/MSR encoding: the register's name, or the generic
     * {@code s<op0>_<op1>_c<n>_c<m>_<op2>} form.
     */
    public static String disasmName(int key, boolean read) {
        SysReg r = BY_KEY[key & 0xFFFF];
        if (r != null) {
            return r.disasmName(read);
        }
        return String.format("s%d_%d_c%d_c%d_%d", (key >>> 14) & 3, (key >>> 11) & 7, (key >>> 7) & 15,
                (key >>> 3) & 15, key & 7);
    }

    /**
     * Gives a register the table names its model, for device models outside this package (the GIC's
     * ICC_* and ICH_* registers, the generic timer's CNT* registers): the hooks receive the accessing
     * Cpu and find their device from it (e.g. through {@link Cpu#ext}); a hook may throw
     * {@link io.el2studio.sim.cpu.GuestFault} (UNDEFINED on a machine without the device, or a trap)
     * before changing state. A null {@code writer} makes the register read-only. The extra checks run
     * in the "register-specific" step of {@link SysRegAccess#STEPS}. Binding is global (the table is
     * shared by all machines) and idempotent: binding again replaces the hooks and checks.
     */
    public static synchronized SysReg bind(String name, SysReg.Reader reader, SysReg.Writer writer, SysRegAccess.Check... checks) {
        SysReg r = byName(name);
        if (r == null) {
            throw new IllegalArgumentException("no system register " + name);
        }
        r.reader = reader;
        r.writer = writer;
        r.writable = writer != null;
        r.modelled = true;
        r.checks.clear();
        r.checks.addAll(java.util.List.of(checks));
        return r;
    }

    /** Puts every modelled register of {@code cpu} to its reset value. */
    public static void reset(Cpu cpu) {
        IdRegs.reset(cpu);
        for (SysReg r : ALL) {
            if (r.modelled && r.writer != null && r.reset != 0) {
                r.writer.write(cpu, r.reset);
            }
        }
    }
}
