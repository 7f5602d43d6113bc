package io.el2studio.sim.gdb;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.el2studio.sim.sysreg.SysReg;

/**
 * The XML target description GDB reads with qXfer:features:read ("Target Descriptions" in the GDB
 * manual): target.xml includes the two features gdb's aarch64 support requires by name
 * (org.gnu.gdb.aarch64.core with x0-x30, sp, pc, cpsr; org.gnu.gdb.aarch64.fpu with v0-v31 as vector
 * unions, fpsr, fpcr; the same layout as gdb's own features/aarch64-*.xml) and a feature generated
 * from the system-register table: every modelled register, with a {@code <flags>} type made of the
 * table's named fields, so that {@code p $HCR_EL2} prints {@code [ RW TGE ... ]}.
 */
final class TargetDescription {
    static final String SYSREG_FEATURE = "org.el2studio.sysregs";

    private final Map<String, String> files = new LinkedHashMap<>();

    TargetDescription(Registers regs) {
        files.put("target.xml", target());
        files.put("aarch64-core.xml", core());
        files.put("aarch64-fpu.xml", fpu());
        files.put("el2studio-sysregs.xml", sysregs(regs));
    }

    /** The annex's text, or null when there is no such file. */
    String file(String annex) {
        return files.get(annex);
    }

    private static String target() {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE target SYSTEM "gdb-target.dtd">
                <target version="1.0">
                  <architecture>aarch64</architecture>
                  <xi:include href="aarch64-core.xml"/>
                  <xi:include href="aarch64-fpu.xml"/>
                  <xi:include href="el2studio-sysregs.xml"/>
                </target>
                """;
    }

    private static String core() {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n");
        s.append("<feature name=\"org.gnu.gdb.aarch64.core\">\n");
        // PSTATE as SPSR_ELx lays it out (Arm ARM C5.2.18), the field names gdb itself uses.
        s.append("  <flags id=\"cpsr_flags\" size=\"4\">\n");
        String[][] f = {{"SP", "0", "0"}, {"EL", "2", "3"}, {"nRW", "4", "4"}, {"F", "6", "6"}, {"I", "7", "7"},
            {"A", "8", "8"}, {"D", "9", "9"}, {"BTYPE", "10", "11"}, {"SSBS", "12", "12"}, {"IL", "20", "20"},
            {"SS", "21", "21"}, {"PAN", "22", "22"}, {"UAO", "23", "23"}, {"DIT", "24", "24"}, {"TCO", "25", "25"},
            {"V", "28", "28"}, {"C", "29", "29"}, {"Z", "30", "30"}, {"N", "31", "31"}};
        for (String[] x : f) {
            s.append(String.format("    <field name=\"%s\" start=\"%s\" end=\"%s\"/>\n", x[0], x[1], x[2]));
        }
        s.append("  </flags>\n");
        for (int i = 0; i < 31; i++) {
            s.append(String.format("  <reg name=\"x%d\" bitsize=\"64\"%s/>\n", i, i == 0 ? " regnum=\"0\"" : ""));
        }
        s.append("  <reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n");
        s.append("  <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n");
        s.append("  <reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\"/>\n");
        s.append("</feature>\n");
        return s.toString();
    }

    private static String fpu() {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n");
        s.append("<feature name=\"org.gnu.gdb.aarch64.fpu\">\n");
        String[][] vectors = {{"v2d", "ieee_double", "2"}, {"v2u", "uint64", "2"}, {"v2i", "int64", "2"},
            {"v4f", "ieee_single", "4"}, {"v4u", "uint32", "4"}, {"v4i", "int32", "4"}, {"v8f", "ieee_half", "8"},
            {"v8u", "uint16", "8"}, {"v8i", "int16", "8"}, {"v8bf16", "bfloat16", "8"}, {"v16u", "uint8", "16"},
            {"v16i", "int8", "16"}, {"v1u", "uint128", "1"}, {"v1i", "int128", "1"}};
        for (String[] v : vectors) {
            s.append(String.format("  <vector id=\"%s\" type=\"%s\" count=\"%s\"/>\n", v[0], v[1], v[2]));
        }
        String[][] unions = {{"vnd", "f:v2d", "u:v2u", "s:v2i"}, {"vns", "f:v4f", "u:v4u", "s:v4i"},
            {"vnh", "bf:v8bf16", "f:v8f", "u:v8u", "s:v8i"}, {"vnb", "u:v16u", "s:v16i"}, {"vnq", "u:v1u", "s:v1i"},
            {"aarch64v", "d:vnd", "s:vns", "h:vnh", "b:vnb", "q:vnq"}};
        for (String[] u : unions) {
            s.append(String.format("  <union id=\"%s\">\n", u[0]));
            for (int i = 1; i < u.length; i++) {
                String[] nt = u[i].split(":");
                s.append(String.format("    <field name=\"%s\" type=\"%s\"/>\n", nt[0], nt[1]));
            }
            s.append("  </union>\n");
        }
        for (int i = 0; i < 32; i++) {
            s.append(String.format("  <reg name=\"v%d\" bitsize=\"128\" type=\"aarch64v\"%s/>\n", i,
                    i == 0 ? " regnum=\"" + Registers.V0 + "\"" : ""));
        }
        s.append("  <reg name=\"fpsr\" bitsize=\"32\"/>\n");
        s.append("  <reg name=\"fpcr\" bitsize=\"32\"/>\n");
        s.append("</feature>\n");
        return s.toString();
    }

    private static String sysregs(Registers regs) {
        StringBuilder types = new StringBuilder();
        StringBuilder body = new StringBuilder();
        boolean first = true;
        for (Registers.Reg r : regs.all()) {
            if (r.kind() != Registers.Kind.SYS) {
                continue;
            }
            String type = flags(r.sys(), types);
            // save-restore="no": an inferior function call must not write every system register back.
            body.append(String.format("<reg name=\"%s\" bitsize=\"64\"%s group=\"system\" save-restore=\"no\"%s/>\n", xml(r.name()),
                    first ? " regnum=\"" + r.num() + "\"" : "", type == null ? "" : " type=\"" + type + "\""));
            first = false;
        }
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n<feature name=\"" + SYSREG_FEATURE
                + "\">\n" + types + body + "</feature>\n";
    }

    /**
     * A flags type for the register's named fields (RES0/RES1 left out), appended to {@code out};
     * returns its id, or null when the register has no field worth showing.
     */
    private static String flags(SysReg s, StringBuilder out) {
        StringBuilder f = new StringBuilder();
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (SysReg.Field fd : s.fields()) {
            if (fd.attr() == SysReg.Attr.RES0 || fd.attr() == SysReg.Attr.RES1 || fd.msb() - fd.lsb() >= 63
                    || fd.msb() > 63 || fd.lsb() < 0 || !seen.add(fd.name())) {
                continue;
            }
            f.append(String.format("<field name=\"%s\" start=\"%d\" end=\"%d\"/>", xml(fd.name()), fd.lsb(), fd.msb()));
            n++;
        }
        if (n == 0) {
            return null;
        }
        String id = s.name + "_flags";
        out.append(String.format("<flags id=\"%s\" size=\"8\">", xml(id))).append(f).append("</flags>\n");
        return id;
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
