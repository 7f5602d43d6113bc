package io.el2studio.sim.gdb;

import io.el2studio.sim.trace.ExceptionClasses;
import io.el2studio.sim.trace.TrapRecord;

/**
 * The aliases {@code monitor break-trap} accepts (parsed by trace.TrapFilter), and the decoded one-line form of a
 * trap record for {@code monitor traps}: the ISS fields a hypervisor reads, per class, as the Arm
 * ARM lays out ESR_ELx.ISS (D17.2.37).
 */
final class TrapDecoder {
    private TrapDecoder() {
    }

    static final String EC_NAMES = "hvc, smc, svc, sysreg, dabt, iabt, wfx, fp, eret, brk, sve, pac, illegal, serror, any";

    static String describe(TrapRecord r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("CPU%d EL%d->EL%d %s", r.pe(), r.fromEl(), r.toEl(), r.kind()));
        if (r.kind().equals("sync") || r.kind().equals("serror")) {
            b.append(String.format(" EC 0x%02x %s ESR 0x%x", r.ec(), r.ecName(), r.esr()));
            String iss = iss(r.ec(), r.iss());
            if (!iss.isEmpty()) {
                b.append(" [").append(iss).append(']');
            }
        }
        b.append(String.format(" FAR 0x%x HPFAR 0x%x ELR 0x%x VMID %d insn %d", r.far(), r.hpfar(), r.elr(), r.vmid(), r.insn()));
        return b.toString();
    }

    private static int bits(int v, int msb, int lsb) {
        return (v >>> lsb) & ((1 << (msb - lsb + 1)) - 1);
    }

    /** The ISS fields of the classes a hypervisor handles most. */
    static String iss(int ec, int iss) {
        switch (ec) {
            case 0x15:
            case 0x16:
            case 0x17:
                return String.format("imm16=0x%x", iss & 0xFFFF);
            case 0x01:
                return String.format("TI=%d (%s) CV=%d COND=0x%x", bits(iss, 1, 0),
                        new String[] {"WFI", "WFE", "WFIT", "WFET"}[bits(iss, 1, 0)], bits(iss, 24, 24), bits(iss, 23, 20));
            case 0x18:
                // Op0, Op2, Op1, CRn, Rt, CRm, Direction (Arm ARM D17.2.37, ISS encoding for EC 0x18)
                return String.format("%s op0=%d op1=%d CRn=%d CRm=%d op2=%d Rt=%d", bits(iss, 0, 0) == 1 ? "MRS" : "MSR",
                        bits(iss, 21, 20), bits(iss, 16, 14), bits(iss, 13, 10), bits(iss, 4, 1), bits(iss, 19, 17),
                        bits(iss, 9, 5));
            case 0x20:
            case 0x21:
                return String.format("IFSC=0x%02x S1PTW=%d EA=%d FnV=%d", bits(iss, 5, 0), bits(iss, 7, 7), bits(iss, 9, 9),
                        bits(iss, 10, 10));
            case 0x24:
            case 0x25: {
                StringBuilder b = new StringBuilder();
                if (bits(iss, 24, 24) == 1) {
                    b.append(String.format("ISV=1 SAS=%d SSE=%d SRT=%d SF=%d AR=%d ", bits(iss, 23, 22), bits(iss, 21, 21),
                            bits(iss, 20, 16), bits(iss, 15, 15), bits(iss, 14, 14)));
                } else {
                    b.append("ISV=0 ");
                }
                b.append(String.format("FnV=%d EA=%d CM=%d S1PTW=%d WnR=%d DFSC=0x%02x", bits(iss, 10, 10), bits(iss, 9, 9),
                        bits(iss, 8, 8), bits(iss, 7, 7), bits(iss, 6, 6), bits(iss, 5, 0)));
                return b.toString();
            }
            case 0x07:
                return String.format("CV=%d COND=0x%x", bits(iss, 24, 24), bits(iss, 23, 20));
            default:
                return String.format("ISS=0x%x", iss);
        }
    }

    static String name(int ec) {
        return ExceptionClasses.name(ec);
    }
}
