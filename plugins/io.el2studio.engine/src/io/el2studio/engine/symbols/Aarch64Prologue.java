package io.el2studio.engine.symbols;

/**
 * The instruction scan of gdb's aarch64_analyze_prologue, reduced to where it stops: it walks from
 * the function's entry up to {@code limit} over the instructions a prologue is made of and stops at
 * the first other one. Encodings after the Arm ARM, C4.1 (A64 instruction set encoding).
 */
final class Aarch64Prologue {
    private Aarch64Prologue() {
    }

    static long analyze(ElfSymbols code, long start, long limit) {
        long pc = start;
        boolean stackSet = false;
        for (; Long.compareUnsigned(pc, limit) < 0; pc += 4) {
            long w = code.instruction(pc);
            if (w < 0) {
                break;
            }
            int i = (int) w;
            if ((i & 0x7f800000) == 0x52800000) {
                // MOVZ: part of the prologue only before the frame is set (gdb: seen_stack_set)
                if (stackSet) {
                    break;
                }
                continue;
            }
            if (!prologueInstruction(i)) {
                break;
            }
            stackSet |= setsStackPointer(i);
        }
        return pc;
    }

    /**
     * The frame set up: ADD/SUB (immediate) from SP into the frame pointer X29 ({@code mov x29, sp}).
     * gdb 13 keeps scanning over MOVZ before this point and stops at one after it (measured against
     * gdb-multiarch on the test programs without debug information).
     */
    static boolean setsStackPointer(int i) {
        int rd = i & 31, rn = (i >> 5) & 31;
        return (i & 0x3f800000) == 0x11000000 && rd == 29 && rn == 31;
    }

    static boolean prologueInstruction(int i) {
        // ADD/SUB (immediate), not setting flags: sf op 0 100010 sh imm12 Rn Rd
        if ((i & 0x3f800000) == 0x11000000) {
            return true;
        }
        // SUB (extended register), not setting flags: sf 1 0 01011 00 1 Rm option imm3 Rn Rd
        if ((i & 0x7fe00000) == 0x4b200000) {
            return true;
        }
        // ORR (shifted register) as MOV: Rn = ZR and no shift amount
        if ((i & 0x7f200000) == 0x2a000000) {
            return ((i >> 5) & 31) == 31 && ((i >> 10) & 63) == 0;
        }
        // STUR (integer, 32/64-bit): 1x 111 0 00 00 0 imm9 00 Rn Rt
        if ((i & 0xbfe00c00) == 0xb8000000) {
            return true;
        }
        // STP (signed offset or pre-index), integer or SIMD&FP: opc 101 V 01x 0 ...
        if ((i & 0x38000000) == 0x28000000 && ((i >> 22) & 1) == 0) {
            int idx = (i >> 23) & 7;
            int opc = (i >>> 30) & 3;
            boolean v = ((i >> 26) & 1) != 0;
            if ((idx == 2 || idx == 3) && opc != 3 && (v || opc != 1)) {
                return true;
            }
            return false;
        }
        int rn = (i >> 5) & 31;
        // STR (immediate) pre/post-indexed, integer 32/64-bit or SIMD&FP, based on SP
        if ((i & 0xbfe00400) == 0xb8000400 && rn == 31) {
            return true;
        }
        if ((i & 0x3f600400) == 0x3c000400 && rn == 31) {
            return true; // STR (immediate, SIMD&FP) pre/post-indexed (opc x0)
        }
        // STR (immediate) unsigned offset, integer 32/64-bit or SIMD&FP, based on SP
        if ((i & 0xbfc00000) == 0xb9000000 && rn == 31) {
            return true;
        }
        if ((i & 0x3f400000) == 0x3d000000 && rn == 31) {
            return true;
        }
        // PACIASP, PACIBSP and BTI hints
        return i == 0xd503233f || i == 0xd503237f || (i & 0xffffff3f) == 0xd503241f;
    }
}
