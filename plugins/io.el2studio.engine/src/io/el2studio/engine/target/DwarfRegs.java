package io.el2studio.engine.target;

/**
 * DWARF register numbers of AArch64 ("DWARF for the Arm 64-bit Architecture", 4.1): X0-X30 are 0-30,
 * SP is 31, PC 32, ELR_mode 33, RA_SIGN_STATE 34, VG 46, V0-V31 64-95.
 */
public final class DwarfRegs {
    private DwarfRegs() {
    }

    public static final int X0 = 0, FP = 29, LR = 30, SP = 31, PC = 32, ELR_MODE = 33, RA_SIGN_STATE = 34, VG = 46,
            V0 = 64, V31 = 95;
    /** One past the highest number a {@link RegisterSet} holds. */
    public static final int COUNT = 96;

    public static String name(int reg) {
        if (reg >= 0 && reg <= 30) {
            return "x" + reg;
        }
        if (reg >= V0 && reg <= V31) {
            return "v" + (reg - V0);
        }
        return switch (reg) {
            case SP -> "sp";
            case PC -> "pc";
            case ELR_MODE -> "elr_mode";
            case RA_SIGN_STATE -> "ra_sign_state";
            case VG -> "vg";
            default -> "r" + reg;
        };
    }
}
