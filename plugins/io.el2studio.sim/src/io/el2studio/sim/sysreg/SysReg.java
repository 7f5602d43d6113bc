package io.el2studio.sim.sysreg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.isa.Feature;

/**
 * One row of the system-register table, in the spirit of QEMU's ARMCPRegInfo: the register's
 * architectural name, its MRS/MSR encoding, who may access it, its reset value, where its state
 * lives, and its named fields. Built fluently by the table files ({@link CoreRegs}, {@link El2Regs},
 * {@link IdRegs}, {@link KnownRegs}); immutable once the table is built.
 */
public final class SysReg {
    /** Groups of registers that one EL2 trap control covers (HCR_EL2.TID1, TID2, TID3, TVM/TRVM, TACR). */
    public enum TrapGroup { TID1, TID2, TID3, TVM, TACR }

    /** Access attribute of a field (or, for RO/WO, of the whole register). */
    public enum Attr { RW, RO, WO, RES0, RES1 }

    /** A named bit field: bits {@code msb..lsb}, as the Arm ARM names and describes it. */
    public record Field(String name, int msb, int lsb, Attr attr, String meaning) {
        public long mask() {
            int width = msb - lsb + 1;
            return (width == 64 ? -1L : (1L << width) - 1) << lsb;
        }

        public long get(long value) {
            return (value & mask()) >>> lsb;
        }
    }

    @FunctionalInterface
    public interface Reader {
        long read(Cpu cpu);
    }

    @FunctionalInterface
    public interface Writer {
        void write(Cpu cpu, long value);
    }

    /** Canonical name as the Arm ARM writes it, e.g. {@code HCR_EL2}. */
    public final String name;
    public final int op0, op1, crn, crm, op2;
    int minEl = 1;
    boolean readable = true;
    boolean writable = true;
    boolean modelled;
    long reset;
    Reader reader;
    Writer writer;
    Feature feature;
    String disasmRead;
    String disasmWrite;
    String note;
    int slot = -1;
    final java.util.EnumSet<TrapGroup> groups = java.util.EnumSet.noneOf(TrapGroup.class);
    /** FEAT_VHE: the EL2 register this EL1 encoding accesses at EL2 when HCR_EL2.E2H is 1. */
    SysReg e2hTarget;
    final List<Field> fields = new ArrayList<>();
    final List<SysRegAccess.Check> checks = new ArrayList<>();

    SysReg(String name, int op0, int op1, int crn, int crm, int op2) {
        this.name = name;
        this.op0 = op0;
        this.op1 = op1;
        this.crn = crn;
        this.crm = crm;
        this.op2 = op2;
    }

    /** The 16-bit key op0:op1:CRn:CRm:op2, equal to bits 20:5 of an MRS/MSR word. */
    public static int key(int op0, int op1, int crn, int crm, int op2) {
        return op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
    }

    public int key() {
        return key(op0, op1, crn, crm, op2);
    }

    // ---- fluent construction (package-private: only the table files build rows) ----

    /** Lowest EL that may access the register (0 for EL0-accessible registers). */
    SysReg el(int min) { this.minEl = min; return this; }
    SysReg ro() { this.writable = false; return this; }
    SysReg wo() { this.readable = false; return this; }
    SysReg reset(long v) { this.reset = v; return this; }
    SysReg needs(Feature f) { this.feature = f; return this; }
    SysReg note(String n) { this.note = n; return this; }
    SysReg check(SysRegAccess.Check c) { this.checks.add(c); return this; }
    SysReg group(TrapGroup g) { if (g != null) this.groups.add(g); return this; }

    /** State held by the Cpu (a field or array element). */
    SysReg store(Reader r, Writer w) {
        this.reader = r;
        this.writer = w;
        this.modelled = true;
        return this;
    }

    /** A computed read-only value (ID registers, CurrentEL). */
    SysReg value(Reader r) {
        this.reader = r;
        this.writable = false;
        this.modelled = true;
        return this;
    }

    /** State in a slot of {@link Cpu#sysregSlots}: plain storage with no side effects. */
    SysReg slot() {
        int s = SysRegTable.allocateSlot();
        this.slot = s;
        return store(c -> c.sysregSlots[s], (c, v) -> c.sysregSlots[s] = v);
    }

    SysReg f(int msb, int lsb, String fname, String meaning) {
        fields.add(new Field(fname, msb, lsb, Attr.RW, meaning));
        return this;
    }

    SysReg f(int bit, String fname, String meaning) {
        return f(bit, bit, fname, meaning);
    }

    SysReg fro(int msb, int lsb, String fname, String meaning) {
        fields.add(new Field(fname, msb, lsb, Attr.RO, meaning));
        return this;
    }

    SysReg res0(int msb, int lsb) {
        fields.add(new Field("RES0", msb, lsb, Attr.RES0, "Reserved, RES0"));
        return this;
    }

    SysReg res1(int msb, int lsb) {
        fields.add(new Field("RES1", msb, lsb, Attr.RES1, "Reserved, RES1"));
        return this;
    }

    /**
     * Fields from compact specs {@code "msb[:lsb] NAME one-line meaning"}; NAME {@code RES0}/{@code RES1}
     * gives a reserved field, a leading {@code !} a read-only one. E.g. {@code "27 TGE Trap General Exceptions from EL0"}.
     */
    SysReg fields(String... specs) {
        for (String spec : specs) {
            String[] t = spec.split(" ", 3);
            String[] bits = t[0].split(":");
            int msb = Integer.parseInt(bits[0]);
            int lsb = bits.length > 1 ? Integer.parseInt(bits[1]) : msb;
            String fname = t[1];
            String meaning = t.length > 2 ? t[2] : "";
            Attr a = Attr.RW;
            if (fname.equals("RES0")) {
                a = Attr.RES0;
                meaning = meaning.isEmpty() ? "Reserved, RES0" : meaning;
            } else if (fname.equals("RES1")) {
                a = Attr.RES1;
                meaning = meaning.isEmpty() ? "Reserved, RES1" : meaning;
            } else if (fname.startsWith("!")) {
                a = Attr.RO;
                fname = fname.substring(1);
            }
            fields.add(new Field(fname, msb, lsb, a, meaning));
        }
        return this;
    }

    /** Shares the field list of another register (SCTLR_EL2 and SCTLR_EL1 ...). */
    SysReg fieldsOf(SysReg other) {
        fields.addAll(other.fields);
        return this;
    }

    /** objdump's names when they differ by direction (dbgdtrrx_el0 / dbgdtrtx_el0). */
    SysReg disasm(String read, String write) {
        this.disasmRead = read;
        this.disasmWrite = write;
        return this;
    }

    // ---- queries ----

    public int minEl() { return minEl; }
    public boolean readable() { return readable; }
    public boolean writable() { return writable; }
    /** False for registers the table names but the simulator does not implement: accesses are UNDEFINED. */
    public boolean modelled() { return modelled; }
    public long resetValue() { return reset; }
    public Feature feature() { return feature; }
    /** The register this encoding accesses at EL2 when HCR_EL2.E2H is 1 (FEAT_VHE), or null. */
    public SysReg e2hTarget() { return e2hTarget; }
    public String note() { return note; }
    public List<Field> fields() { return Collections.unmodifiableList(fields); }
    public java.util.Set<TrapGroup> trapGroups() { return Collections.unmodifiableSet(groups); }

    public Field field(String fname) {
        for (Field fd : fields) {
            if (fd.name().equals(fname)) {
                return fd;
            }
        }
        return null;
    }

    /** Name as objdump prints it in {@code mrs} (read) or {@code msr} (write). */
    public String disasmName(boolean read) {
        String d = read ? disasmRead : disasmWrite;
        return d != null ? d : name.toLowerCase();
    }

    /** Bits that read as zero and ignore writes (RES0 fields). */
    public long res0Mask() {
        long m = 0;
        for (Field fd : fields) {
            if (fd.attr() == Attr.RES0) {
                m |= fd.mask();
            }
        }
        return m;
    }

    public long res1Mask() {
        long m = 0;
        for (Field fd : fields) {
            if (fd.attr() == Attr.RES1) {
                m |= fd.mask();
            }
        }
        return m;
    }

    /** Reads the current value (no access checks: debugger view). */
    public long read(Cpu cpu) {
        return reader == null ? 0 : reader.read(cpu);
    }

    /** Writes a value as MSR would once the access is allowed: RES0 bits cleared, RES1 bits set. */
    public void write(Cpu cpu, long value) {
        if (writer != null) {
            writer.write(cpu, (value & ~res0Mask()) | res1Mask());
        }
    }

    @Override
    public String toString() {
        return String.format("%s (S%d_%d_C%d_C%d_%d)%s", name, op0, op1, crn, crm, op2, modelled ? "" : " NOT MODELLED");
    }
}
