package io.el2studio.debug.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.el2studio.debug.core.symbols.ProgramInfo;
import io.el2studio.sim.control.Simulation;
import io.el2studio.sim.control.Translation;

/**
 * The frames of a stopped PE when the image has no DWARF for the engine's unwinder
 * (io.el2studio.engine.unwind, see {@link EngineFrames}):
 * frame 0 at the PC, then the chain of AAPCS64 frame records (AAPCS64 6.2.3: X29 points at the
 * saved {X29, X30} pair of the caller). While the PC is in a function's prologue, or in a leaf
 * function that builds no frame record, the caller's return address is still in X30 and comes first.
 */
final class FrameUnwinder {
    static final int MAX_FRAMES = 64;

    /**
     * One frame: its PC (a return address for callers), the PC whose line it shows, its function and
     * line; {@code marker} is the text of an exception marker frame (IDE.md:
     * {@code exception from EL1 (VMID 1): HVC #0}), null for a frame of code.
     */
    record Frame(long pc, long lookupPc, Optional<ProgramInfo.Function> function, Optional<ProgramInfo.Line> line, String marker) {
    }

    private final Simulation sim;
    private final ProgramInfo program;
    private final Snapshot.Pe pe;

    FrameUnwinder(Simulation sim, ProgramInfo program, Snapshot.Pe pe) {
        this.sim = sim;
        this.program = program;
        this.pe = pe;
    }

    List<Frame> frames() {
        List<Frame> out = new ArrayList<>();
        out.add(frame(pe.pc(), pe.pc()));
        if (program == null || !pe.on()) {
            return out;
        }
        Optional<ProgramInfo.Function> f = program.functionAt(pe.pc());
        if (f.isEmpty()) {
            return out;
        }
        long fp = pe.x()[29];
        if (!inBody(f.get(), pe.pc())) {
            long lr = pe.x()[30];
            if (lr == 0 || program.functionAt(lr).isEmpty()) {
                return out;
            }
            out.add(frame(lr, lr - 4));
        }
        Translation t = Translation.currentRegime(pe.index());
        while (fp != 0 && (fp & 7) == 0 && out.size() < MAX_FRAMES) {
            byte[] rec;
            try {
                rec = sim.readMemory(t, fp, 16);
            } catch (RuntimeException e) {
                break; // the record is not readable: the chain ends
            }
            long nextFp = le(rec, 0), ret = le(rec, 8);
            if (ret == 0 || program.functionAt(ret).isEmpty()) {
                break;
            }
            out.add(frame(ret, ret - 4)); // the line of the BL, as gdb shows a caller
            if (nextFp <= fp) {
                break; // frame records go up the stack; anything else is not a chain
            }
            fp = nextFp;
        }
        return out;
    }

    private Frame frame(long pc, long lookup) {
        if (program == null) {
            return new Frame(pc, lookup, Optional.empty(), Optional.empty(), null);
        }
        return new Frame(pc, lookup, program.functionAt(lookup), program.lineAt(lookup), null);
    }

    /**
     * True when the function has set X29 to its frame record and {@code pc} is past that: the
     * prologue's {@code mov x29, sp} (ADD X29, SP, #imm) within its first four instructions.
     */
    private boolean inBody(ProgramInfo.Function f, long pc) {
        byte[] code;
        try {
            code = sim.readMemory(Translation.currentRegime(pe.index()), f.start(), 16);
        } catch (RuntimeException e) {
            return true;
        }
        for (int i = 0; i < 4; i++) {
            int w = (int) le32(code, i * 4);
            // ADD (immediate), 64-bit, Rn = SP, Rd = X29: sf=1 op=0 S=0 100010 sh imm12 Rn Rd
            if ((w & 0xFF8003FF) == 0x910003FD) {
                return pc > f.start() + 4L * i;
            }
        }
        return false;
    }

    static long le(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    static long le32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }
}
