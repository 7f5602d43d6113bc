package io.el2studio.sim.mmu;

/**
 * A fault found by a translation, before it becomes an exception (or a PAR_EL1 value for AT): the
 * fault status code, the level, the stage, and whether it happened on a stage 2 translation of a
 * stage 1 table walk (S1PTW). No Java stack trace: it is an architectural outcome.
 */
public final class WalkFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Fault status code bases (Arm ARM D17.2.37, ESR_ELx.ISS DFSC/IFSC); the level is added. */
    public static final int ADDRESS_SIZE = 0x00, TRANSLATION = 0x04, ACCESS_FLAG = 0x08, PERMISSION = 0x0C,
            EXTERNAL_ON_WALK = 0x14, ALIGNMENT = 0x21;

    public final int type;
    public final int level;
    public final boolean stage2;
    public final boolean s1ptw;
    /** The IPA being translated by stage 2 (the faulting IPA for HPFAR_EL2); -1 for stage 1 faults. */
    public final long ipa;

    public WalkFault(int type, int level, boolean stage2, boolean s1ptw, long ipa) {
        super(null, null, false, false);
        this.type = type;
        this.level = level;
        this.stage2 = stage2;
        this.s1ptw = s1ptw;
        this.ipa = ipa;
    }

    /** DFSC/IFSC and PAR_EL1.FST value. */
    public int statusCode() {
        return type == ALIGNMENT ? ALIGNMENT : type + (level & 3);
    }

    @Override
    public String getMessage() {
        String kind = switch (type) {
            case ADDRESS_SIZE -> "address size fault";
            case TRANSLATION -> "translation fault";
            case ACCESS_FLAG -> "access flag fault";
            case PERMISSION -> "permission fault";
            case EXTERNAL_ON_WALK -> "external abort on table walk";
            default -> "alignment fault";
        };
        return String.format("stage %d %s, level %d%s%s", stage2 ? 2 : 1, kind, level, s1ptw ? " (S1PTW)" : "",
                ipa >= 0 ? String.format(", IPA 0x%x", ipa) : "");
    }
}
