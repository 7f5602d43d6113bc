package io.el2studio.debug.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * The groups of the Registers view, generated from the one system-register table (SysRegTable): the
 * general registers with PSTATE's fields, then every modelled, readable system register by the
 * part of the machine it belongs to (EL1, EL2, EL3, GIC CPU interface, Timers, Debug, ID), each with
 * its named fields. No view spells a register or field name of its own.
 */
final class RegisterLayout {
    enum Kind { X, SP, PC, PSTATE, SYSREG }

    record Def(String name, Kind kind, int index, List<SysReg.Field> fields, SysReg sysreg) {
        boolean writable() {
            return sysreg == null || sysreg.writable();
        }
    }

    record Group(String name, List<Def> registers) {
    }

    /**
     * PSTATE as SPSR_ELx holds it (Arm ARM C5.2.18, the AArch64 SPSR layout): the fields the simulator
     * keeps. M[3:0] is the EL and the stack pointer selection.
     */
    static final List<SysReg.Field> PSTATE_FIELDS = List.of(
            field("N", 31, 31, "Negative condition flag"),
            field("Z", 30, 30, "Zero condition flag"),
            field("C", 29, 29, "Carry condition flag"),
            field("V", 28, 28, "Overflow condition flag"),
            field("TCO", 25, 25, "Tag check override (FEAT_MTE)"),
            field("DIT", 24, 24, "Data independent timing (FEAT_DIT)"),
            field("UAO", 23, 23, "User access override (FEAT_UAO)"),
            field("PAN", 22, 22, "Privileged access never (FEAT_PAN)"),
            field("SS", 21, 21, "Software step"),
            field("IL", 20, 20, "Illegal execution state"),
            field("SSBS", 12, 12, "Speculative store bypass safe (FEAT_SSBS)"),
            field("BTYPE", 11, 10, "Branch type indicator (FEAT_BTI)"),
            field("D", 9, 9, "Debug exception mask"),
            field("A", 8, 8, "SError interrupt mask"),
            field("I", 7, 7, "IRQ interrupt mask"),
            field("F", 6, 6, "FIQ interrupt mask"),
            field("M", 3, 0, "Exception level and stack pointer: EL << 2 | SPSel (0b1001 = EL2h)"));

    private static SysReg.Field field(String name, int msb, int lsb, String meaning) {
        return new SysReg.Field(name, msb, lsb, SysReg.Attr.RW, meaning);
    }

    private static RegisterLayout instance;

    private final List<Group> groups = new ArrayList<>();
    private final List<SysReg> sysregs = new ArrayList<>();

    static synchronized RegisterLayout get() {
        if (instance == null) {
            instance = new RegisterLayout();
        }
        return instance;
    }

    private RegisterLayout() {
        List<Def> general = new ArrayList<>();
        for (int i = 0; i <= 30; i++) {
            general.add(new Def("X" + i, Kind.X, i, List.of(), null));
        }
        general.add(new Def("SP", Kind.SP, 0, List.of(), null));
        general.add(new Def("PC", Kind.PC, 0, List.of(), null));
        general.add(new Def("PSTATE", Kind.PSTATE, 0, PSTATE_FIELDS, null));
        groups.add(new Group("General", general));
        Map<String, List<Def>> byGroup = new LinkedHashMap<>();
        for (String g : List.of("EL1", "EL2", "EL3", "GIC CPU interface", "Timers", "Debug", "ID", "Other")) {
            byGroup.put(g, new ArrayList<>());
        }
        for (SysReg r : SysRegTable.all()) {
            if (!r.modelled() || !r.readable()) {
                continue;
            }
            String g = groupOf(r.name);
            if (g == null) {
                continue;
            }
            List<SysReg.Field> fields = new ArrayList<>();
            for (SysReg.Field f : r.fields()) {
                if (f.attr() != SysReg.Attr.RES0 && f.attr() != SysReg.Attr.RES1) {
                    fields.add(f);
                }
            }
            byGroup.get(g).add(new Def(r.name, Kind.SYSREG, 0, fields, r));
            sysregs.add(r);
        }
        byGroup.forEach((name, defs) -> {
            if (!defs.isEmpty()) {
                groups.add(new Group(name, defs));
            }
        });
    }

    /** The group of a system register by its Arm ARM name; null for the aliases (_EL12, _EL02) shown under their own. */
    static String groupOf(String name) {
        if (name.endsWith("_EL12") || name.endsWith("_EL02")) {
            return null;
        }
        if (name.startsWith("ICC_") || name.startsWith("ICH_") || name.startsWith("ICV_")) {
            return "GIC CPU interface";
        }
        if (name.startsWith("CNT")) {
            return "Timers";
        }
        if (name.startsWith("ID_") || name.startsWith("MIDR") || name.startsWith("MPIDR") || name.startsWith("REVIDR")
                || name.startsWith("CTR_") || name.startsWith("DCZID") || name.startsWith("CLIDR")
                || name.startsWith("CCSIDR") || name.startsWith("AIDR") || name.startsWith("VMPIDR") || name.startsWith("VPIDR")) {
            return name.startsWith("VMPIDR") || name.startsWith("VPIDR") ? "EL2" : "ID";
        }
        if (name.startsWith("MDSCR") || name.startsWith("DBG") || name.startsWith("OSL") || name.startsWith("OSD")
                || name.startsWith("MDCCINT") || name.startsWith("MDRAR") || name.startsWith("OSECCR")) {
            return "Debug";
        }
        if (name.endsWith("_EL3")) {
            return "EL3";
        }
        if (name.endsWith("_EL2")) {
            return "EL2";
        }
        if (name.endsWith("_EL1") || name.endsWith("_EL0")) {
            return "EL1";
        }
        return "Other";
    }

    List<SysReg> sysregs() {
        return sysregs;
    }

    List<Group> groups() {
        return groups;
    }

    /** Register groups of one PE (elements of the debug model; the same objects for the whole session). */
    List<El2RegisterGroup> groupsFor(El2Thread thread) {
        List<El2RegisterGroup> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(new El2RegisterGroup(thread, g));
        }
        return out;
    }
}
