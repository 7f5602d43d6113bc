package io.el2studio.sim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * Which exceptions an EL2 trap breakpoint stops on (issue 11, IDE.md point 6): exception classes by
 * name, interrupts, target and source EL, VMID, PE, and per class a syndrome filter. A filter is a
 * predicate over the {@link TrapRecord} of the exception (plus X0 for the HVC/SMC function ID), so the
 * trap history, the trap breakpoints of the control API and the GDB server's {@code monitor break-trap}
 * agree by construction. Text form ({@link #parse}, {@link #toString}): words such as
 * {@code DABT_LOW vmid=2 ipa=0x9000000-0x9000fff write size=4}.
 *
 * <p>Syndrome fields (Arm ARM D17.2.37 ESR_ELx): data aborts, ISS bit 24 ISV, [23:22] SAS, bit 6 WnR,
 * the IPA from HPFAR_EL2 and FAR_EL2; EC 0x18, ISS [21:20] Op0, [19:17] Op2, [16:14] Op1, [13:10] CRn,
 * [4:1] CRm, bit 0 Direction (1 = read, MRS); HVC/SMC/SVC, ISS [15:0] the immediate; WFx, ISS [1:0] TI.
 *
 * @param classes  exception classes (ESR EC), empty with no {@code interrupts}: any synchronous exception or SError
 * @param interrupts "irq" and/or "fiq": asynchronous interrupts taken
 * @param targetEls bit n = taken to ELn (0: EL2 or EL3)
 * @param fromEls  bit n = taken from ELn (0: any)
 * @param vmid     VTTBR_EL2.VMID at the exception, -1 any
 * @param pe       the PE, -1 any
 * @param ipaLo    data aborts: lowest faulting IPA, -1 any
 * @param ipaHi    data aborts: highest faulting IPA (inclusive)
 * @param direction "read"/"write" (a data abort's WnR, a system register access's direction), null any
 * @param size     data aborts with ISV: access size in bytes, -1 any
 * @param sysreg   EC 0x18: the system register by its Arm ARM name, null any
 * @param imm      HVC/SMC/SVC: the immediate, -1 any
 * @param functionId HVC/SMC: X0's low 32 bits (SMCCC function ID), -1 any
 * @param wfx      EC 0x01: "WFI" or "WFE", null any
 */
public record TrapFilter(Set<Integer> classes, Set<String> interrupts, int targetEls, int fromEls, int vmid, int pe,
        long ipaLo, long ipaHi, String direction, int size, String sysreg, long imm, long functionId, String wfx) {

    public static final int EC_WFX = 0x01, EC_SVC64 = 0x15, EC_HVC64 = 0x16, EC_SMC64 = 0x17, EC_SYS64 = 0x18,
            EC_DABT_LOW = 0x24, EC_DABT_CUR = 0x25;

    public TrapFilter {
        classes = Set.copyOf(classes);
        interrupts = Set.copyOf(interrupts);
    }

    /** Every exception taken to EL2 or EL3. */
    public static TrapFilter any() {
        return new TrapFilter(Set.of(), Set.of(), 0, 0, -1, -1, -1, -1, null, -1, null, -1, -1, null);
    }

    public boolean matches(TrapRecord r, long x0) {
        if (targetEls == 0 ? r.toEl() < 2 : (targetEls & (1 << r.toEl())) == 0) {
            return false;
        }
        if (fromEls != 0 && (fromEls & (1 << r.fromEl())) == 0 || vmid >= 0 && r.vmid() != vmid || pe >= 0 && r.pe() != pe) {
            return false;
        }
        boolean async = r.kind().equals("irq") || r.kind().equals("fiq");
        if (async) {
            return interrupts.contains(r.kind());
        }
        if (!classes.isEmpty() ? !classes.contains(r.ec()) : !interrupts.isEmpty()) {
            return false;
        }
        return syndromeMatches(r, x0);
    }

    private boolean syndromeMatches(TrapRecord r, long x0) {
        int iss = r.iss();
        switch (r.ec()) {
            case EC_DABT_LOW, EC_DABT_CUR -> {
                if (ipaLo >= 0 && (Long.compareUnsigned(r.ipa(), ipaLo) < 0 || Long.compareUnsigned(r.ipa(), ipaHi) > 0)) {
                    return false;
                }
                if (direction != null && ((iss >>> 6 & 1) == 1) != direction.equals("write")) {
                    return false;
                }
                return size < 0 || (iss >>> 24 & 1) == 1 && 1 << (iss >>> 22 & 3) == size;
            }
            case EC_SYS64 -> {
                if (direction != null && ((iss & 1) == 1) != direction.equals("read")) {
                    return false;
                }
                return sysreg == null || sysreg.equalsIgnoreCase(sysRegName(iss));
            }
            case EC_HVC64, EC_SMC64, EC_SVC64, 0x11, 0x12, 0x13 -> {
                return (imm < 0 || (iss & 0xFFFF) == imm)
                        && (functionId < 0 || r.ec() == EC_SVC64 || (x0 & 0xFFFF_FFFFL) == functionId);
            }
            case EC_WFX -> {
                return wfx == null || ((iss & 1) == 1 ? "WFE" : "WFI").equalsIgnoreCase(wfx);
            }
            default -> {
                return true;
            }
        }
    }

    /** The name of the system register an EC 0x18 syndrome names, or "S<op0>_<op1>_C<n>_C<m>_<op2>". */
    public static String sysRegName(int iss) {
        int op0 = iss >>> 20 & 3, op2 = iss >>> 17 & 7, op1 = iss >>> 14 & 7, crn = iss >>> 10 & 15, crm = iss >>> 1 & 15;
        SysReg s = SysRegTable.byEncoding(op0, op1, crn, crm, op2);
        return s != null ? s.name : String.format("S%d_%d_C%d_C%d_%d", op0, op1, crn, crm, op2);
    }

    /**
     * One line that says what the exception was, as the debugger's stop reason and thread label show it:
     * {@code EL2 trap: DABT_LOW from EL1 VMID 2, IPA 0x9000000, write, 4 bytes}.
     */
    public static String describe(TrapRecord r, long x0) {
        StringBuilder b = new StringBuilder();
        b.append("EL").append(r.toEl()).append(" trap: ").append(r.shortName()).append(" from EL").append(r.fromEl());
        if (r.fromEl() < 2) {
            b.append(" VMID ").append(r.vmid());
        }
        int iss = r.iss();
        switch (r.kind().equals("sync") ? r.ec() : -1) {
            case EC_DABT_LOW, EC_DABT_CUR -> {
                if (r.ec() == EC_DABT_LOW) {
                    b.append(String.format(", IPA 0x%x", r.ipa()));
                } else {
                    b.append(String.format(", VA 0x%x", r.far()));
                }
                b.append((iss >>> 6 & 1) == 1 ? ", write" : ", read");
                if ((iss >>> 24 & 1) == 1) {
                    b.append(", ").append(1 << (iss >>> 22 & 3)).append(" bytes, X").append(iss >>> 16 & 31);
                }
            }
            case EC_SYS64 -> b.append(", ").append((iss & 1) == 1 ? "MRS " : "MSR ").append(sysRegName(iss));
            case EC_HVC64, EC_SMC64 -> {
                b.append(String.format(", %s #0x%x, X0 0x%x", r.ec() == EC_HVC64 ? "HVC" : "SMC", iss & 0xFFFF, x0));
                String n = FunctionIds.name(x0);
                if (n != null) {
                    b.append(" (").append(n).append(')');
                }
            }
            case EC_SVC64 -> b.append(String.format(", SVC #0x%x", iss & 0xFFFF));
            case EC_WFX -> b.append((iss & 1) == 1 ? ", WFE" : ", WFI");
            default -> {
            }
        }
        return b.toString();
    }

    /**
     * Parses the text form: class names (short names such as DABT_LOW, HVC64, SYS64, or the aliases
     * hvc, smc, svc, sysreg, dabt, iabt, wfi, wfe, wfx, fp, eret, brk, serror, irq, fiq, any; or EC
     * numbers), then {@code key=value} words: vmid, pe, from (EL number, or 0-1 for a range), to,
     * ipa=LO[-HI], size, reg (system register name), imm, x0 (a number or a PSCI/SMCCC name), and the
     * words read / write. An error names the word and what was expected.
     */
    public static TrapFilter parse(List<String> words) {
        Set<Integer> classes = new TreeSet<>();
        Set<String> interrupts = new TreeSet<>();
        int targetEls = 0, fromEls = 0, vmid = -1, pe = -1, size = -1;
        long ipaLo = -1, ipaHi = -1, imm = -1, fn = -1;
        String direction = null, sysreg = null, wfx = null;
        for (String w : words) {
            String lw = w.toLowerCase(Locale.ROOT);
            int eq = lw.indexOf('=');
            if (eq < 0) {
                switch (lw) {
                    case "read", "write" -> direction = lw;
                    case "irq", "fiq" -> interrupts.add(lw);
                    case "wfi", "wfe" -> {
                        classes.add(EC_WFX);
                        wfx = lw.toUpperCase(Locale.ROOT);
                    }
                    default -> classes.addAll(classesOf(w));
                }
                continue;
            }
            String key = lw.substring(0, eq), value = w.substring(eq + 1);
            switch (key) {
                case "vmid" -> vmid = (int) number(key, value);
                case "pe", "cpu" -> pe = (int) number(key, value);
                case "from" -> fromEls |= els(value);
                case "to" -> targetEls |= els(value);
                case "size" -> {
                    size = (int) number(key, value);
                    if (size != 1 && size != 2 && size != 4 && size != 8) {
                        throw new IllegalArgumentException("size=" + value + ": an access size is 1, 2, 4 or 8 bytes");
                    }
                }
                case "ipa" -> {
                    int dash = value.indexOf('-');
                    ipaLo = number(key, dash < 0 ? value : value.substring(0, dash));
                    ipaHi = dash < 0 ? ipaLo | 0xFFF : number(key, value.substring(dash + 1));
                    if (dash < 0) {
                        ipaLo &= ~0xFFFL; // one IPA names its page
                    }
                }
                case "reg", "sysreg" -> {
                    if (SysRegTable.byName(value.toUpperCase(Locale.ROOT)) == null) {
                        throw new IllegalArgumentException("reg=" + value + ": no system register of that name");
                    }
                    sysreg = value.toUpperCase(Locale.ROOT);
                    classes.add(EC_SYS64);
                }
                case "imm" -> imm = number(key, value);
                case "x0", "fn", "function" -> {
                    long id = FunctionIds.byName(value);
                    fn = id >= 0 ? id : number(key, value) & 0xFFFF_FFFFL;
                }
                case "dir", "direction" -> {
                    if (!value.equalsIgnoreCase("read") && !value.equalsIgnoreCase("write")) {
                        throw new IllegalArgumentException("dir=" + value + ": read or write");
                    }
                    direction = value.toLowerCase(Locale.ROOT);
                }
                default -> throw new IllegalArgumentException("unknown filter '" + key
                        + "=' (vmid, pe, from, to, ipa, size, reg, imm, x0, dir)");
            }
        }
        return new TrapFilter(classes, interrupts, targetEls, fromEls, vmid, pe, ipaLo, ipaHi, direction, size, sysreg, imm,
                fn, wfx);
    }

    private static long number(String key, String v) {
        try {
            String t = v.trim().toLowerCase(Locale.ROOT).replace("_", "");
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + ": not a number");
        }
    }

    private static int els(String v) {
        String t = v.toLowerCase(Locale.ROOT).replace("el", "");
        int dash = t.indexOf('-');
        int lo = (int) number("el", dash < 0 ? t : t.substring(0, dash)), hi = dash < 0 ? lo : (int) number("el", t.substring(dash + 1));
        if (lo < 0 || hi > 3 || lo > hi) {
            throw new IllegalArgumentException("exception level " + v + ": EL0 to EL3");
        }
        int m = 0;
        for (int e = lo; e <= hi; e++) {
            m |= 1 << e;
        }
        return m;
    }

    /** The classes a name stands for (short names, aliases, numbers). */
    public static List<Integer> classesOf(String name) {
        int ec = ExceptionClasses.byShortName(name);
        if (ec >= 0) {
            return List.of(ec);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "hvc" -> List.of(EC_HVC64);
            case "smc" -> List.of(EC_SMC64);
            case "svc" -> List.of(EC_SVC64);
            case "sysreg", "msr", "mrs", "sys" -> List.of(EC_SYS64);
            case "dabt", "data-abort" -> List.of(EC_DABT_LOW, EC_DABT_CUR);
            case "iabt", "insn-abort" -> List.of(0x20, 0x21);
            case "wfx" -> List.of(EC_WFX);
            case "fp", "simd" -> List.of(0x07);
            case "eret" -> List.of(0x1a);
            case "brk" -> List.of(0x3c);
            case "sve" -> List.of(0x19);
            case "pac" -> List.of(0x09);
            case "illegal" -> List.of(0x0e);
            case "serror" -> List.of(0x2f);
            case "any", "all" -> List.of();
            default -> {
                long n;
                try {
                    n = number("class", name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown exception class '" + name + "' (" + String.join(", ",
                            ExceptionClasses.shortNames()) + ", hvc, smc, svc, sysreg, dabt, iabt, wfi, wfe, irq, fiq, any, or a number)");
                }
                if (n < 0 || n > 0x3f) {
                    throw new IllegalArgumentException("exception class out of range: " + name);
                }
                yield List.of((int) n);
            }
        };
    }

    @Override
    public String toString() {
        List<String> w = new ArrayList<>();
        classes.forEach(ec -> w.add(ExceptionClasses.shortName(ec)));
        w.addAll(interrupts.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
        if (w.isEmpty()) {
            w.add("any");
        }
        if (targetEls != 0) {
            w.add("to=" + elList(targetEls));
        }
        if (fromEls != 0) {
            w.add("from=" + elList(fromEls));
        }
        if (vmid >= 0) {
            w.add("vmid=" + vmid);
        }
        if (pe >= 0) {
            w.add("pe=" + pe);
        }
        if (ipaLo >= 0) {
            w.add(String.format("ipa=0x%x-0x%x", ipaLo, ipaHi));
        }
        if (direction != null) {
            w.add(direction);
        }
        if (size >= 0) {
            w.add("size=" + size);
        }
        if (sysreg != null) {
            w.add("reg=" + sysreg);
        }
        if (imm >= 0) {
            w.add(String.format("imm=0x%x", imm));
        }
        if (functionId >= 0) {
            String n = FunctionIds.name(functionId);
            w.add("x0=" + (n != null ? n : String.format("0x%x", functionId)));
        }
        int wfxAt = w.indexOf(ExceptionClasses.shortName(EC_WFX));
        if (wfx != null && wfxAt >= 0) {
            w.set(wfxAt, wfx);
        }
        return String.join(" ", w);
    }

    private static String elList(int mask) {
        int lo = Integer.numberOfTrailingZeros(mask), hi = 31 - Integer.numberOfLeadingZeros(mask);
        return lo == hi ? "EL" + lo : "EL" + lo + "-EL" + hi;
    }
}
